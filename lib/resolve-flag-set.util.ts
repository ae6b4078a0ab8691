import type { DflagOptions } from './dflag-options.interface.js';
import { DflagSetupError } from './errors/dflag-setup.error.js';
import { messages } from './errors/messages.constant.js';
import { defaultFlagSet } from './flags/default-flag-set.js';
import type { FlagSet } from './flags/flag-set.js';

/**
 * resolveFlagSet picks the set that options bind: `flagSet`, else the set
 * the `flags` handles were declared in, else the default set; and checks
 * that every handle of `flags` belongs to it.
 */
export function resolveFlagSet(options: Pick<DflagOptions, 'flagSet' | 'flags'>): FlagSet {
  const handles = Object.values(options.flags ?? {});
  const set = options.flagSet ?? handles[0]?.flagSet ?? defaultFlagSet;
  if (handles.length > 0) {
    const foreign = handles.filter((handle) => handle.flagSet !== set).map((handle) => handle.name);
    if (foreign.length > 0) throw new DflagSetupError(messages.flagsNotInSet(foreign, set.name));
  }
  return set;
}
