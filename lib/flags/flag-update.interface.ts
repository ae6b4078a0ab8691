import type { FlagChange } from './flag-change.interface.js';
import type { RawValue } from './flag-kind.js';
import type { FlagSource } from './flag-source.js';

/** FlagUpdate asks a batch to set (raw text/bytes or a typed value) or remove one layer of one flag. */
export interface FlagUpdate {
  /** The flag's name. */
  name: string;
  /** The layer to change. `default` cannot be changed. */
  source: Exclude<FlagSource, 'default'>;
  /** Raw text or file bytes to parse; `undefined` (with no `value`) removes the layer. */
  raw?: RawValue | undefined;
  /** A typed value (validated, not parsed), e.g. a test override. */
  value?: unknown;
  /** The file or variable the raw value came from, named in errors. */
  origin?: string;
  /**
   * @internal `raw` already parsed and validated by this flag (the ConfigMap engine parses a
   * big version over several turns before its swap): the value, or the error parsing threw.
   */
  parsed?: { readonly value: unknown } | { readonly error: Error };
}

/**
 * BatchPolicy: `per-flag` applies every valid value and keeps the old value
 * of each refused one; `all-or-nothing` applies nothing when anything is refused.
 */
export type BatchPolicy = 'per-flag' | 'all-or-nothing';

/** BatchResult lists every change a batch made and every error it met. */
export interface BatchResult {
  /** The real changes, in the order of the batch's updates (the first update of a flag places it). */
  readonly changes: readonly FlagChange[];
  /** Every refused value or unknown name. */
  readonly errors: readonly Error[];
  /** True when the all-or-nothing policy refused the whole batch. */
  readonly rejected: boolean;
}
