import type { RawValue } from '../flags/flag-kind.js';
import type { FlagSource } from '../flags/flag-source.js';
import type { FlagLike } from './flag-set-like.interface.js';

/**
 * DiffFlagLike is what `dflag diff` reads of a flag of the --flags module: a `Flag` of this
 * package, or of another copy of it (duck-typed, see `FlagSetLike`). The members beyond
 * {@link FlagLike} are optional: without `parse` and `equals`, values are compared as text.
 */
export interface DiffFlagLike extends FlagLike {
  /** DiffFlagLike.kind is the flag's type (`int`, `duration`, `json`…). */
  readonly kind?: string;
  /** DiffFlagLike.defaultValue is the declared default. */
  readonly defaultValue?: unknown;
  /** DiffFlagLike.parse parses and validates a raw value without changing the flag; throws when refused. */
  parse?(raw: RawValue, source: FlagSource, origin?: string): unknown;
  /** DiffFlagLike.equals compares two values of the flag (deeply for structured kinds). */
  equals?(a: unknown, b: unknown): boolean;
  /** DiffFlagLike.formatWhole gives a value's display text, unshortened. */
  formatWhole?(value: unknown): string;
  /** DiffFlagLike.valueFrom gives the value a layer holds, if any. */
  valueFrom?(source: FlagSource): unknown;
}
