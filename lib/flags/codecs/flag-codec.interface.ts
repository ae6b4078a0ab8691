import type { FlagKind, RawValue } from '../flag-kind.js';

/**
 * FlagCodec turns raw text (or file bytes) into a flag's typed value and
 * back. One codec per flag kind; a codec throws {@link CodecError} with the
 * reason when the text is not acceptable.
 */
export interface FlagCodec<T> {
  readonly kind: FlagKind;
  /** What this codec accepts, shown in errors ("an integer such as 42 or 0x2a"). */
  readonly expected: string;
  /** Parses raw input: text from the command line or environment, bytes from a file. */
  parse(raw: RawValue): T;
  /** Returns an immutable version of a value (defaults and validator outputs go through it). */
  freeze(value: T): T;
  /** Text for display (listings, usage, errors). */
  format(value: T): string;
  /** Canonical text for checksums: equal values give equal text. */
  canonical(value: T): string;
  /** Value equality (deep for structured kinds). */
  equals(a: T, b: T): boolean;
}

/** CodecError carries why a text was refused; the caller adds flag and source. */
export class CodecError extends Error {
  override readonly name = 'CodecError';
}
