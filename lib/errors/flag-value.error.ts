import type { FlagSource } from '../flags/flag-source.js';
import { DflagError, DflagErrorCode } from './dflag.error.js';
import { messages } from './messages.constant.js';

/** Where a refused value came from, to name it in the error. */
export interface FlagValueErrorDetails {
  /** The flag's name. */
  flag: string;
  /** The layer the value was meant for. */
  source: FlagSource;
  /** The file or variable the text was read from, when there is one. */
  origin?: string;
  /** The refused text, already truncated or redacted for display. */
  shown: string;
  /** Why it was refused. */
  reason: string;
  /** What would be accepted. */
  expected: string;
}

/**
 * FlagValueError reports one refused value: it names the flag, the source
 * (and file), the refused text (redacted when the flag is sensitive) and what
 * would be accepted.
 */
export class FlagValueError extends DflagError {
  /** Always `'FlagValueError'`. */
  override readonly name = 'FlagValueError';
  /** The flag's name. */
  readonly flag: string;
  /** The layer the value was meant for. */
  readonly source: FlagSource;
  /** The file or variable the text was read from, when there is one. */
  readonly origin: string | undefined;
  /** Why it was refused (the library's own words only, for a sensitive flag). */
  readonly reason: string;
  /** What would be accepted. */
  readonly expected: string;
  constructor(details: FlagValueErrorDetails, options?: { cause?: unknown }) {
    super(DflagErrorCode.InvalidValue, messages.invalidValue(details), options);
    this.flag = details.flag;
    this.source = details.source;
    this.origin = details.origin;
    this.reason = details.reason;
    this.expected = details.expected;
  }
}
