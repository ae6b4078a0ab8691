import type { DflagOptions } from './dflag-options.interface.js';
import { DflagSetupError } from './errors/dflag-setup.error.js';
import { messages } from './errors/messages.constant.js';
import { defaultFlagSet } from './flags/default-flag-set.js';
import type { FlagSet } from './flags/flag-set.js';

/**
 * resolveFlagSet picks the set that options bind: `flagSet`, else the
 * default set; and checks that every handle of `flags` belongs to it (a
 * handle does not know its set, so membership is checked by identity).
 */
export function resolveFlagSet(options: Pick<DflagOptions, 'flagSet' | 'flags'>): FlagSet {
  const set = options.flagSet ?? defaultFlagSet;
  if (options.flags) {
    const foreign = Object.values(options.flags)
      .filter((handle) => set.find(handle.name) !== handle)
      .map((handle) => handle.name);
    if (foreign.length > 0) throw new DflagSetupError(messages.flagsNotInSet(foreign, set.name));
  }
  return set;
}
