import { defaultFlagSet } from './default-flag-set.js';
import type { Flag } from './flag.js';
import type { FlagSet } from './flag-set.js';
import type { FlagSpec } from './flag-spec.js';

/** DefinedFlags maps each declared name to its typed handle. */
export type DefinedFlags<S extends Record<string, FlagSpec<unknown>>> = {
  readonly [K in keyof S]: S[K] extends FlagSpec<infer T> ? Flag<T> : never;
};

/** FlagValue is the value type of a flag handle. */
export type FlagValue<F> = F extends Flag<infer T> ? T : never;

/**
 * defineFlags declares a group of flags, keyed by their names, and returns
 * their typed handles: `flags.port.get()` is a `number` without casts.
 * Declares into the default set unless a set is given.
 */
export function defineFlags<S extends Record<string, FlagSpec<unknown>>>(
  specs: S,
  set: FlagSet = defaultFlagSet,
): DefinedFlags<S> {
  const handles: Record<string, Flag<unknown>> = {};
  for (const [name, spec] of Object.entries(specs)) handles[name] = set.declare(name, spec);
  return Object.freeze(handles) as DefinedFlags<S>;
}
