import type { FlagSet } from '../flags/flag-set.js';

/** overriddenAtRuntime names the flags holding a value on the `runtime` layer, in declaration order. */
export function overriddenAtRuntime(flagSet: FlagSet): string[] {
  const names: string[] = [];
  for (const flag of flagSet) if (flag.valueFrom('runtime') !== undefined) names.push(flag.name);
  return names;
}
