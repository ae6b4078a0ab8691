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
import { redact, redactReason } from './redact.util.js';
import type { CompiledValidator } from './validator.js';
import { AsyncValidatorError, compileValidator } from './validator.js';

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
  /** The declared default, after validation. */
  readonly defaultValue: T;
  /** The set this flag is declared in. */
  readonly flagSet: FlagSet;

  private current: T;
  private currentSource: FlagSource = 'default';
  private changedAt: Date | undefined;
  private readonly layers = new Map<FlagSource, T>();
  // Typed loosely so that Flag<T> stays covariant (a Flag<Uint8Array> is a Flag<unknown>).
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  private readonly listeners = new Set<FlagChangeListener<any>>();
  private readonly codec: FlagCodec<T>;
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
    this.defaultValue = this.checkDefault(options.default);
    this.current = this.defaultValue;
    this.layers.set('default', this.defaultValue);
  }

  /** get returns the current value. */
  get(): T {
    return this.current;
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
    return this.layers.get(source);
  }

  /**
   * onChange subscribes to real changes of this flag (deep equality for
   * JSON, lists, sets and bytes). Returns the function that unsubscribes.
   */
  onChange(listener: FlagChangeListener<T>): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * parse turns raw text or file bytes into a validated value without
   * changing the flag. Throws {@link FlagValueError} naming the flag, the
   * source (and file), the refused text and what would be accepted.
   */
  parse(raw: RawValue, source: FlagSource, origin?: string): T {
    let parsed: T;
    try {
      parsed = this.codec.parse(raw);
    } catch (error) {
      if (!(error instanceof CodecError)) throw error;
      // The detail may quote the text (a JSON parser's message does): never for a secret.
      const reason =
        error.detail && !this.sensitive ? `${error.message} (${error.detail})` : error.message;
      throw this.valueError(raw, source, origin, reason, this.codec.expected);
    }
    return this.validate(parsed, source, origin, raw);
  }

  /** validate runs the flag's validator on a typed value and returns its (frozen) output. */
  validate(value: T, source: FlagSource, origin?: string, raw?: RawValue): T {
    const shown = (): RawValue => raw ?? this.describe(value);
    const wrongKind = this.codec.accepts(value);
    if (wrongKind) throw this.valueError(shown(), source, origin, wrongKind, this.codec.expected);
    if (!this.validator) return this.codec.freeze(value);
    const outcome = this.validator(value);
    if (!outcome.ok) {
      const reason = outcome.issues.join('; ');
      throw this.valueError(
        shown(),
        source,
        origin,
        reason,
        `a value that passes the flag's validation`,
      );
    }
    const converted = this.codec.accepts(outcome.value);
    if (converted) {
      const reason = `the validator's output is ${converted}`;
      throw this.valueError(shown(), source, origin, reason, this.codec.expected);
    }
    return this.codec.freeze(outcome.value as T);
  }

  /** describe gives display text for a typed value that may not even be of this kind. */
  private describe(value: unknown): string {
    if (!this.codec.accepts(value)) return this.codec.format(value as T);
    if (typeof value === 'string') return value;
    try {
      return String(JSON.stringify(value) ?? value);
    } catch {
      return String(value);
    }
  }

  /** format returns display text for a value (the current one by default), redacted when sensitive. */
  format(value: T = this.current): string {
    return redact(this.sensitive, this.codec.format(value));
  }

  /** canonical returns text for checksums: equal values give equal text. */
  canonical(value: T = this.current): string {
    return this.codec.canonical(value);
  }

  /** equals compares two values of this flag (deeply for structured kinds). */
  equals(a: T, b: T): boolean {
    return this.codec.equals(a, b);
  }

  /** @internal resolve returns what the flag would be with a layer set (value) or removed (undefined). */
  resolveWith(changes: ReadonlyMap<FlagSource, T | undefined>): ResolvedValue<T> {
    for (let i = FLAG_SOURCES.length - 1; i >= 0; i--) {
      const source = FLAG_SOURCES[i] as FlagSource;
      const value = changes.has(source) ? changes.get(source) : this.layers.get(source);
      if (value !== undefined) return { value, source };
    }
    return { value: this.defaultValue, source: 'default' };
  }

  /**
   * @internal commit stores new layer values and the resolved value. Called
   * by the FlagSet's batch for every flag at once, before any notification.
   */
  commit(
    changes: ReadonlyMap<FlagSource, T | undefined>,
    resolved: ResolvedValue<T>,
    at: Date,
  ): void {
    for (const [source, value] of changes) {
      if (value === undefined) this.layers.delete(source);
      else this.layers.set(source, value);
    }
    if (!this.codec.equals(this.current, resolved.value)) this.changedAt = at;
    this.current = resolved.value;
    this.currentSource = resolved.source;
  }

  /** @internal notify calls every subscriber; a throwing subscriber does not stop the others. */
  notify(change: FlagChange<T>, onError: (error: unknown, flag: string) => void): void {
    for (const listener of this.listeners) {
      try {
        listener(change);
      } catch (error) {
        onError(error, this.name);
      }
    }
  }

  private checkDefault(value: T): T {
    try {
      return this.validate(value, 'default');
    } catch (error) {
      if (error instanceof AsyncValidatorError) {
        throw new FlagDeclarationError(
          this.name,
          messages.asyncValidator(this.name, error.message),
        );
      }
      const reason = error instanceof FlagValueError ? error.reason : (error as Error).message;
      throw new FlagDeclarationError(this.name, messages.invalidDefault(this.name, reason), {
        cause: error,
      });
    }
  }

  private valueError(
    raw: RawValue,
    source: FlagSource,
    origin: string | undefined,
    reason: string,
    expected: string,
  ): FlagValueError {
    const bytes =
      typeof raw === 'string' ? undefined : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
    const text = bytes ? bytes.toString('utf8').trim() : (raw as string);
    // A validator's message may repeat the value, in any form: a secret never appears in it.
    const forms = bytes ? [text, bytes.toString('base64'), bytes.toString('hex')] : [text];
    return new FlagValueError({
      flag: this.name,
      source,
      origin,
      shown: redact(
        this.sensitive,
        bytes && this.kind === 'bytes' ? `<${bytes.byteLength} bytes>` : text,
      ),
      reason: redactReason(this.sensitive, reason, ...forms),
      expected,
    });
  }
}
