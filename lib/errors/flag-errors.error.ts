import { DflagError } from './dflag.error.js';
import type { DflagErrorCode } from './dflag.error.js';
import { escapeText } from './escape-text.util.js';

/**
 * FlagErrors gathers every problem of one operation (a command line, a
 * ConfigMap version at start-up, a batch) into one error, one line per
 * problem, so that a user fixes them all in one go. Each problem stays on its line
 * (its message is escaped, see `escapeText`).
 */
export class FlagErrors extends DflagError {
  /** Always `'FlagErrors'`. */
  override readonly name = 'FlagErrors';
  constructor(
    code: DflagErrorCode,
    heading: string,
    /** Every problem, in the order found; the message has one line for each. */
    readonly errors: readonly Error[],
  ) {
    super(code, [heading, ...errors.map((e) => `  - ${escapeText(e.message)}`)].join('\n'));
  }
}
