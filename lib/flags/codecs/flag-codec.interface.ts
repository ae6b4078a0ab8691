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
  /**
   * `parse` in steps, for a codec whose work on a big value is worth spreading over event-loop
   * turns: it `yield`s between steps when `pause()` says the turn's share is spent, and returns
   * (or throws) what `parse` would.
   */
  parseSteps?(raw: RawValue, pause: () => boolean): Generator<void, T, void>;
  /** Returns an immutable version of a value (defaults and validator outputs go through it). */
  freeze(value: T): T;
  /** Text for display (listings, usage, errors). */
  format(value: T): string;
  /**
   * The beginning of `format(value)`, at least `length` characters of it (all of it when
   * shorter), for a codec whose display text of a big value is costly to write whole.
   */
  formatPrefix?(value: T, length: number): string;
  /** Canonical text for checksums: equal values give equal text. */
  canonical(value: T): string;
  /** `canonical` in steps that `yield` when `pause()` says the turn's share is spent (see `parseSteps`). */
  canonicalSteps?(value: T, pause: () => boolean): Generator<void, string, void>;
  /** Value equality (deep for structured kinds). */
  equals(a: T, b: T): boolean;
  /** `equals` in steps that `yield` when `pause()` says the turn's share is spent (see `parseSteps`). */
  equalsSteps?(a: T, b: T, pause: () => boolean): Generator<void, boolean, void>;
  /**
   * Whether every value `parse` returns is one `accepts` accepts (its own checks are as strict),
   * so that a parsed value need not be walked again: true for JSON, whose walk costs a third of
   * the parse of a big document.
   */
  readonly parsedOfKind?: boolean;
  /**
   * Why a typed value (a default, an override, a schema's output) is not a
   * value of this kind, or undefined when it is.
   */
  accepts(value: unknown): string | undefined;
}

/**
 * CodecError carries why a text was refused; the caller adds flag and source.
 * `detail` may quote the text (a JSON parser's message does): it is shown only
 * for flags that are not sensitive.
 */
export class CodecError extends Error {
  override readonly name = 'CodecError';
  constructor(
    message: string,
    readonly detail?: string,
  ) {
    super(message);
  }
}
