import type { Flag } from '../flags/flag.js';

/**
 * toOpenFeatureValue is the current value of a flag as OpenFeature carries it: a set becomes a
 * frozen array (OpenFeature's object values are JSON); every other kind is the handle's own
 * value, already immutable.
 */
export function toOpenFeatureValue(flag: Flag<unknown>): unknown {
  const value = flag.get();
  return flag.kind === 'set' ? Object.freeze([...(value as ReadonlySet<string>)]) : value;
}
