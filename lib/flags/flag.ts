import type { InspectOptions } from 'node:util';
import { errorMessage } from '../errors/error-message.util.js';
import { messages } from '../errors/messages.constant.js';
import { FlagDeclarationError } from '../errors/flag-declaration.error.js';
import { FlagValueError } from '../errors/flag-value.error.js';
import type { FlagCodec } from './codecs/flag-codec.interface.js';
import { CodecError } from './codecs/flag-codec.interface.js';
import type { FlagChange, FlagChangeListener } from './flag-change.interface.js';
import type { FlagKind, RawValue } from './flag-kind.js';
import type { FlagSource } from './flag-source.js';
import { FLAG_SOURCES } from './flag-source.js';
import type { FlagSpec } from './flag-spec.js';
import type { FlagSet } from './flag-set.js';
import type { FlagView } from './flag-view.interface.js';
import type { InspectFunction } from './inspect-view.util.js';
import { INSPECT, inspectView } from './inspect-view.util.js';
import { MAX_SHOWN_LENGTH, redact, REDACTED } from './redact.util.js';
import { checkFailedReason, parseReason, validatorReason } from './refusal-reason.util.js';
import type { CompiledValidator } from './validator.js';
import { compileValidator } from './validator.js';

/** Checked is what checking a typed value gives: the value to store, or why it is refused. */
type Checked<T> =
  | { ok: true; value: T }
  | {
      ok: false;
      reason: string;
      expected: string;
      /** The thrown error, kept as the refusal's cause (never for a sensitive flag). */
      cause?: unknown;
      /** Set when the validator answered with a Promise: its vendor, or null for a function. */
      asyncVendor?: string | null;
    };

/** The value a flag resolves to from its layers, and the layer it comes from. */
export interface ResolvedValue<T> {
  value: T;
  source: FlagSource;
}

/**
 * Flag is the handle of one declared flag. `get()` is the hot path of every
 * request: it returns an already parsed, validated, immutable value — a plain
 * field read, with no lookup, parsing or allocation. Read it each time you
 * need the value; a copy kept elsewhere does not follow the ConfigMap.
 */
export class Flag<T> {
  /** The flag's name: its ConfigMap key and its `--name` on the command line. */
  readonly name: string;
  /** The flag's type. */
  readonly kind: FlagKind;
  /** What the flag is for. */
  readonly description: string;
  /** Whether the flag follows the ConfigMap after start. */
  readonly dynamic: boolean;
  /** Whether the value is a secret (redacted wherever it is shown). */
  readonly sensitive: boolean;
  /** The set this flag is declared in. */
  readonly flagSet: FlagSet;

  // The values are private fields, not properties: what walks an object's fields instead of
  // asking for its view (`node:assert`'s diff, a spread, `structuredClone`) finds none of them.
  readonly #defaultValue: T;
  #current: T;
  private currentSource: FlagSource = 'default';
  private changedAt: Date | undefined;
  readonly #layers = new Map<FlagSource, T>();
  // Typed loosely so that Flag<T> stays covariant (a Flag<Uint8Array> is a Flag<unknown>).
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  private readonly listeners = new Set<FlagChangeListener<any>>();
  private readonly codec: FlagCodec<T>;
  /**
   * The text forms of frozen values already written: a frozen value never changes, and after
   * each swap the checksum asks for every flag's canonical text, a change line for the previous
   * and the new value's display text (a big JSON document costs milliseconds each time).
   */
  private readonly shortTexts = new WeakMap<object, string>();
  private readonly canonicalTexts = new WeakMap<object, string>();
  /**
   * A comparison made ahead of the swap (see {@link compareAhead}), used by the swap's
   * {@link equals} of the same two values: a private field (it holds values).
   */
  #knownEqual: { readonly a: unknown; readonly b: unknown; readonly equal: boolean } | undefined;
  private readonly validator: CompiledValidator | undefined;

  /** @internal Flags are created by a FlagSet. */
  constructor(name: string, spec: FlagSpec<T>, flagSet: FlagSet) {
    const { options, codec } = spec;
    this.name = name;
    this.flagSet = flagSet;
    this.codec = codec;
    this.kind = codec.kind;
    this.description = options.description;
    this.dynamic = options.dynamic ?? false;
    this.sensitive = options.sensitive ?? false;
    this.validator = compileValidator(options.validate);
    this.#defaultValue = this.checkDefault(options.default);
    this.#current = this.#defaultValue;
    this.#layers.set('default', this.#defaultValue);
  }

  /** The declared default, after validation. */
  get defaultValue(): T {
    return this.#defaultValue;
  }

  /** get returns the current value. */
  get(): T {
    return this.#current;
  }

  /** source is the layer the current value comes from. */
  get source(): FlagSource {
    return this.currentSource;
  }

  /** lastChanged is when the value last changed after declaration, if ever. */
  get lastChanged(): Date | undefined {
    return this.changedAt;
  }

  /** expected says what text this flag accepts (its type's syntax). */
  get expected(): string {
    return this.codec.expected;
  }

  /** valueFrom returns the value a layer holds for this flag, if any. */
  valueFrom(source: FlagSource): T | undefined {
    return this.#layers.get(source);
  }

  /**
   * onChange subscribes to real changes of this flag (deep equality for
   * JSON, lists, sets and bytes). A sensitive flag's value taken from another
   * layer is a change even when equal (a runtime value set to the ConfigMap's,
   * then cleared): else a right guess would be the one write that shows
   * nothing. Returns the function that unsubscribes.
   */
  onChange(listener: FlagChangeListener<T>): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * parse turns raw text or file bytes into a validated value without
   * changing the flag. Throws {@link FlagValueError} naming the flag, the
   * source (and file), the refused text and what would be accepted — and
   * nothing else, whatever the parser or the validator did (threw anything,
   * answered with a Promise).
   */
  parse(raw: RawValue, source: FlagSource, origin?: string): T {
    let parsed: T;
    try {
      parsed = this.codec.parse(raw);
    } catch (error) {
      throw this.parseFailed(error, raw, source, origin);
    }
    return this.validateParsed(parsed, raw, source, origin);
  }

  /** @internal parsesInSteps tells whether {@link parseInSteps} can pause (else it is {@link parse}). */
  get parsesInSteps(): boolean {
    return this.codec.parseSteps !== undefined;
  }

  /**
   * @internal parseInSteps is {@link parse} spread over event-loop turns where the codec can
   * (a big JSON document: decoding, `JSON.parse`, the walk, then the validator), pausing when
   * `pause()` says the turn's share is spent. Same result, same errors.
   */
  *parseInSteps(
    raw: RawValue,
    source: FlagSource,
    origin: string | undefined,
    pause: () => boolean,
  ): Generator<void, T, void> {
    if (!this.codec.parseSteps) return this.parse(raw, source, origin);
    let parsed: T;
    try {
      parsed = yield* this.codec.parseSteps(raw, pause);
    } catch (error) {
      throw this.parseFailed(error, raw, source, origin);
    }
    if (pause()) yield;
    return this.validateParsed(parsed, raw, source, origin);
  }

  private parseFailed(error: unknown, raw: RawValue, source: FlagSource, origin?: string): Error {
    const reason = parseReason(error, this.sensitive);
    return this.valueError(raw, source, origin, reason, this.codec.expected, this.causeOf(error));
  }

  private validateParsed(parsed: T, raw: RawValue, source: FlagSource, origin?: string): T {
    // A codec whose output is of its kind spares the walk: only a validator's output is checked.
    const checked = this.check(parsed, this.codec.parsedOfKind === true);
    return this.checkedOrThrow(checked, parsed, source, origin, raw);
  }

  /** validate runs the flag's validator on a typed value and returns its (frozen) output. */
  validate(value: T, source: FlagSource, origin?: string, raw?: RawValue): T {
    return this.checkedOrThrow(this.check(value), value, source, origin, raw);
  }

  private checkedOrThrow(
    checked: Checked<T>,
    value: T,
    source: FlagSource,
    origin: string | undefined,
    raw: RawValue | undefined,
  ): T {
    if (checked.ok) return checked.value;
    const shown = raw ?? this.describe(value);
    throw this.valueError(shown, source, origin, checked.reason, checked.expected, checked.cause);
  }

  /**
   * check runs every check of a typed value — its kind, the validator, the kind of the
   * validator's output — and never throws: a refusal says why, in words fit to show (see
   * `validatorReason`), with the thrown error as cause only for a flag that is not sensitive.
   * `ofKind`: the value is output of a codec that is `parsedOfKind` (a walk of a big JSON
   * document is spared);
   * what a validator returns in its place is checked all the same.
   */
  private check(value: T, ofKind = false): Checked<T> {
    const expected = this.codec.expected;
    try {
      const wrongKind = ofKind ? undefined : this.codec.accepts(value);
      if (wrongKind) return { ok: false, reason: wrongKind, expected };
      // A codec's own output of its kind is frozen already (the JSON codec's sealed document).
      if (!this.validator) return { ok: true, value: ofKind ? value : this.codec.freeze(value) };
      const outcome = this.validator(value);
      if (!outcome.ok) {
        const { refusal } = outcome;
        return {
          ok: false,
          reason: validatorReason(refusal, this.sensitive),
          expected: messages.validationExpected,
          cause: refusal.kind === 'threw' ? this.causeOf(refusal.thrown) : undefined,
          asyncVendor: refusal.kind === 'async' ? (refusal.vendor ?? null) : undefined,
        };
      }
      const converted =
        ofKind && outcome.value === value ? undefined : this.codec.accepts(outcome.value);
      if (converted) {
        return { ok: false, reason: messages.validatorOutputWrongKind(converted), expected };
      }
      const same = ofKind && outcome.value === value;
      return { ok: true, value: same ? value : this.codec.freeze(outcome.value as T) };
    } catch (error) {
      // Nothing above should throw; a value with a throwing getter (an override, a schema's
      // output) still is a refusal, not an exception escaping the batch.
      return {
        ok: false,
        reason: checkFailedReason(error, this.sensitive),
        expected,
        cause: this.causeOf(error),
      };
    }
  }

  /** causeOf keeps a thrown error as the cause of a refusal, except for a sensitive flag (it may quote the value). */
  private causeOf(error: unknown): unknown {
    return this.sensitive || error instanceof CodecError ? undefined : error;
  }

  /**
   * describe gives display text for a typed value that may not even be of this kind (nothing
   * for a sensitive flag: it is redacted anyway). It never throws.
   */
  private describe(value: unknown): string {
    if (this.sensitive) return REDACTED;
    try {
      if (!this.codec.accepts(value)) return this.codec.format(value as T);
      if (typeof value === 'string') return value;
      return String(JSON.stringify(value) ?? value);
    } catch {
      return errorMessage(value);
    }
  }

  /** format returns display text for a value (the current one by default), redacted when sensitive. */
  format(value: T = this.#current): string {
    if (this.sensitive) return REDACTED;
    return remembered(this.shortTexts, value, () =>
      // One character more than is shown tells `redact` whether the text goes on.
      redact(
        false,
        this.codec.formatPrefix?.(value, MAX_SHOWN_LENGTH + 1) ?? this.codec.format(value),
      ),
    );
  }

  /** formatWhole is {@link format} without shortening (the listing endpoint shows whole values), redacted when sensitive. */
  formatWhole(value: T = this.#current): string {
    return this.sensitive ? REDACTED : this.codec.format(value);
  }

  /** canonical returns text for checksums: equal values give equal text. */
  canonical(value: T = this.#current): string {
    return remembered(this.canonicalTexts, value, () => this.codec.canonical(value));
  }

  /**
   * @internal remember writes and remembers the text forms of a frozen value (what the
   * checksum and a change line will ask for once it serves), ahead of the swap; `pause` lets a
   * big value's forms be written in separate turns. Nothing for a sensitive flag: its checksum
   * and lines never hold its value.
   */
  *remember(value: T, pause: () => boolean): Generator<void, void, void> {
    if (this.sensitive || value === null || typeof value !== 'object' || !Object.isFrozen(value))
      return;
    if (pause()) yield;
    const frozen = value as object;
    if (!this.canonicalTexts.has(frozen)) {
      const text = this.codec.canonicalSteps
        ? yield* this.codec.canonicalSteps(value, pause)
        : this.codec.canonical(value);
      this.canonicalTexts.set(frozen, text);
    }
    if (pause()) yield;
    this.format(value);
  }

  /**
   * toJSON is what `JSON.stringify` of the handle (or of an object holding it) gives: its values
   * as display text, `[redacted]` when sensitive — never its fields, which hold every layer's value.
   */
  toJSON(): FlagView {
    return {
      name: this.name,
      kind: this.kind,
      dynamic: this.dynamic,
      sensitive: this.sensitive,
      value: this.format(),
      source: this.currentSource,
      default: this.format(this.#defaultValue),
    };
  }

  /**
   * What `util.inspect` and `console.log` show of the handle: its {@link toJSON} view.
   * @internal
   */
  [INSPECT](depth?: number, options?: InspectOptions, inspect?: InspectFunction): string {
    return inspectView('Flag', this.toJSON(), depth, options, inspect);
  }

  /** equals compares two values of this flag (deeply for structured kinds). */
  equals(a: T, b: T): boolean {
    const known = this.#knownEqual;
    if (known && ((known.a === a && known.b === b) || (known.a === b && known.b === a)))
      return known.equal;
    return this.codec.equals(a, b);
  }

  /**
   * @internal compareAhead compares a value prepared for the `configmap` layer with the value
   * serving, in steps (`pause`: see {@link remember}), for a kind whose comparison of big values
   * is costly (two 1 MiB JSON documents that differ at their end: 16–37 ms): the swap's
   * comparison of the same two values then costs nothing. A value serving that changed meanwhile
   * is compared again.
   */
  *compareAhead(value: T, pause: () => boolean): Generator<void, void, void> {
    if (!this.codec.equalsSteps || value === null || typeof value !== 'object') return;
    // Served over by a layer above (an override): the swap compares that layer's value with itself.
    if (this.resolveWith(new Map([['configmap', value]])).value !== value) return;
    const serving = this.#current;
    if (pause()) yield;
    const equal = yield* this.codec.equalsSteps(serving, value, pause);
    this.#knownEqual = { a: serving, b: value, equal };
  }

  /**
   * @internal changes tells whether moving from `previous` (from `previousSource`) to `next` is a
   * change: a different value; for a sensitive flag, also the same value from another layer, or
   * written again to the layer serving (`written` holds the layers the batch writes). Else
   * whoever may write one layer but not read the others could confirm a guess of the value
   * serving: a right guess would change nothing (no event, no change line, no `last_changed`), a
   * wrong one would show everywhere.
   */
  changes(
    previous: T,
    previousSource: FlagSource,
    next: ResolvedValue<T>,
    written?: ReadonlyMap<FlagSource, unknown>,
  ): boolean {
    if (this.sensitive && (previousSource !== next.source || written?.has(next.source) === true))
      return true;
    return !this.equals(previous, next.value);
  }

  /** @internal resolve returns what the flag would be with a layer set (value) or removed (undefined). */
  resolveWith(changes: ReadonlyMap<FlagSource, T | undefined>): ResolvedValue<T> {
    for (let i = FLAG_SOURCES.length - 1; i >= 0; i--) {
      const source = FLAG_SOURCES[i] as FlagSource;
      const value = changes.has(source) ? changes.get(source) : this.#layers.get(source);
      if (value !== undefined) return { value, source };
    }
    return { value: this.#defaultValue, source: 'default' };
  }

  /**
   * @internal commit stores new layer values and the resolved value, and tells whether that is a
   * change (see {@link changes}). Called by the FlagSet's batch for every flag at once, before
   * any notification.
   */
  commit(
    changes: ReadonlyMap<FlagSource, T | undefined>,
    resolved: ResolvedValue<T>,
    at: Date,
  ): boolean {
    for (const [source, value] of changes) {
      if (value === undefined) this.#layers.delete(source);
      else this.#layers.set(source, value);
    }
    const changed = this.changes(this.#current, this.currentSource, resolved, changes);
    if (changed) this.changedAt = at;
    this.#current = resolved.value;
    this.currentSource = resolved.source;
    // Not kept: it holds the value that served until now.
    this.#knownEqual = undefined;
    return changed;
  }

  /** @internal notify calls every subscriber; a throwing subscriber does not stop the others. */
  notify(change: FlagChange<T>, onError: (error: unknown, flag: string) => void): void {
    for (const listener of this.listeners) {
      try {
        listener(change);
      } catch (error) {
        try {
          onError(error, this.name);
        } catch (rethrown) {
          // The hook itself threw (e.g. rethrew): the values are already swapped,
          // so nothing may undo or hide the change; say so and carry on.
          process.emitWarning(
            messages.listenerHookThrew(this.name, errorMessage(rethrown)),
            'DflagWarning',
          );
        }
      }
    }
  }

  private checkDefault(value: T): T {
    const checked = this.check(value);
    if (checked.ok) return checked.value;
    if (checked.asyncVendor !== undefined) {
      const what =
        checked.asyncVendor === null
          ? messages.asyncFunction
          : messages.asyncSchema(checked.asyncVendor);
      throw new FlagDeclarationError(this.name, messages.asyncValidator(this.name, what));
    }
    throw new FlagDeclarationError(this.name, messages.invalidDefault(this.name, checked.reason), {
      cause: checked.cause,
    });
  }

  private valueError(
    raw: RawValue,
    source: FlagSource,
    origin: string | undefined,
    reason: string,
    expected: string,
    cause: unknown,
  ): FlagValueError {
    const bytes =
      typeof raw === 'string' ? undefined : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
    const text = bytes ? bytes.toString('utf8').trim() : (raw as string);
    const shown = redact(
      this.sensitive,
      bytes && this.kind === 'bytes' ? `<${bytes.byteLength} bytes>` : text,
    );
    const details = { flag: this.name, source, origin, shown, reason, expected };
    return new FlagValueError(details, cause === undefined ? undefined : { cause });
  }
}

/** remembered returns the text a frozen object value has in `texts`, writing it the first time. */
function remembered(texts: WeakMap<object, string>, value: unknown, write: () => string): string {
  if (value === null || typeof value !== 'object' || !Object.isFrozen(value)) return write();
  let text = texts.get(value);
  if (text === undefined) texts.set(value, (text = write()));
  return text;
}
