import type { InvalidValuePolicy } from '../../lib/configmap/configmap-options.interface.js';
import type { ReloadResult } from '../../lib/configmap/reload-report.interface.js';
import { renderValue } from './render-value.js';
import type { FlagModel } from './torture-flags.js';
import type { PlannedVersion } from './version-generator.js';

/** ModelState is what every flag should hold, in the order of the flag models. */
export interface ModelState {
  readonly values: readonly unknown[];
  /** Each value rendered (see {@link renderValue}). */
  readonly rendered: readonly string[];
  /** The whole state as one comparable string. */
  readonly key: string;
}

/** ModelOutcome is what processing one version should do. */
export interface ModelOutcome {
  readonly state: ModelState;
  readonly result: ReloadResult;
  /** Names of the flags whose value changes. */
  readonly changed: readonly string[];
}

/** STATE_SEPARATOR joins rendered values into a state key (it never occurs in them). */
export const STATE_SEPARATOR = '\u0001';

/** modelState builds a state from values. */
export function modelState(values: readonly unknown[]): ModelState {
  const rendered = values.map(renderValue);
  return { values, rendered, key: rendered.join(STATE_SEPARATOR) };
}

/**
 * PolicyModel computes, without the library, the state each processed
 * version must leave, under `keep-last-good` (each refused key keeps its
 * value, every valid key applies, an absent key falls back to its default)
 * or `reject-version` (a version with any refused value changes nothing).
 * Once running, static flags keep their start-up value; a refused value of
 * a static flag still counts as a refusal.
 */
export class PolicyModel {
  constructor(
    private readonly flags: readonly FlagModel[],
    private readonly policy: InvalidValuePolicy,
  ) {}

  /** initial is the state after start-up on a version where nothing is refused. */
  initial(version: PlannedVersion): ModelState {
    return modelState(
      this.flags.map((flag) => {
        const entry = version.entries.get(flag.name);
        if (entry && entry.kind !== 'valid') throw new Error('the start-up version must be valid');
        return entry ? entry.value : flag.defaultValue;
      }),
    );
  }

  /** apply is what processing `version` after start does to `state`. */
  apply(state: ModelState, version: PlannedVersion): ModelOutcome {
    let refused = 0;
    const values = this.flags.map((flag, i) => {
      const entry = version.entries.get(flag.name);
      if (entry !== undefined && entry.kind !== 'valid') refused += 1;
      if (!flag.dynamic) return state.values[i];
      if (entry === undefined) return flag.defaultValue;
      return entry.kind === 'valid' ? entry.value : state.values[i];
    });
    if (refused > 0 && this.policy === 'reject-version') {
      return { state, result: 'rejected', changed: [] };
    }
    const next = modelState(values);
    const changed = this.flags
      .filter((_, i) => next.rendered[i] !== state.rendered[i])
      .map((flag) => flag.name);
    return { state: next, result: refused > 0 ? 'partial' : 'applied', changed };
  }
}
