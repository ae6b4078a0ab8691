import type { StandardSchemaV1 } from '@standard-schema/spec';
import { boolCodec } from './codecs/bool.codec.js';
import { bytesCodec } from './codecs/bytes.codec.js';
import { durationCodec } from './codecs/duration.codec.js';
import type { FlagCodec } from './codecs/flag-codec.interface.js';
import { floatCodec } from './codecs/float.codec.js';
import { intCodec } from './codecs/int.codec.js';
import { jsonCodec } from './codecs/json.codec.js';
import { listCodec } from './codecs/list.codec.js';
import { setCodec } from './codecs/set.codec.js';
import { stringCodec } from './codecs/string.codec.js';
import type { FlagCheck } from './validator.js';

/** FlagOptionsBase holds what every flag declaration takes besides its default. */
export interface FlagOptionsBase {
  /** One line shown in usage tables, listings and errors. */
  description: string;
  /**
   * Whether the flag follows the ConfigMap after start. Static flags are read
   * once (command line, environment, first ConfigMap read); a later change is
   * reported as "pending restart".
   * @default false
   */
  dynamic?: boolean;
  /**
   * Whether the value is a secret: it is then shown as `[redacted]` in every
   * listing, error, event and log; no message of its validator or parser is
   * shown (they may quote it), and checksums count it by name, not value.
   * @default false
   */
  sensitive?: boolean;
}

/** PlainFlagOptions: the value type comes from `default`; `validate` is an optional check function. */
export interface PlainFlagOptions<T> extends FlagOptionsBase {
  /** The value when no source sets one. Validated at declaration: an invalid default throws. */
  default: T;
  /** A check returning `true`/nothing when valid, `false` or a message when not. */
  validate?: FlagCheck<T>;
}

/** SchemaFlagOptions: the value type is the schema's output type. */
export interface SchemaFlagOptions<S extends StandardSchemaV1> extends FlagOptionsBase {
  /** The value when no source sets one; validated (and converted) by the schema at declaration. */
  default: NoInfer<StandardSchemaV1.InferOutput<S>>;
  /**
   * A joi schema or any synchronous Standard Schema (zod, valibot, …). The
   * stored value is the schema's output, so conversions and trimming apply.
   */
  validate: S;
}

/** FlagOptions is either form of declaration options. */
export type FlagOptions<T> = PlainFlagOptions<T> | SchemaFlagOptions<StandardSchemaV1<unknown, T>>;

/** FloatOptions adds the float-only switch for non-finite numbers. */
export interface FloatOptionsExtra {
  /**
   * Whether NaN and ±Infinity are acceptable values.
   * @default false
   */
  allowNonFinite?: boolean;
}

/** FlagSpec is a flag declaration not yet bound to a name and a set. */
export interface FlagSpec<T> {
  /** How the flag's kind parses, formats and compares values. */
  readonly codec: FlagCodec<T>;
  /** The declaration's options, as given to `flag.<kind>()`. */
  readonly options: FlagOptionsBase & {
    /** The value when no layer sets one. */
    default: T;
    /** The validator or schema, if any. */
    validate?: unknown;
  };
}

/** DeepReadonly is how a JSON flag's value is typed: it is deeply frozen, so writes are type errors. */
export type DeepReadonly<T> = T extends (...args: never[]) => unknown
  ? T
  : T extends ReadonlyArray<infer U>
    ? ReadonlyArray<DeepReadonly<U>>
    : T extends object
      ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
      : T;

type Spec<S extends StandardSchemaV1> = FlagSpec<StandardSchemaV1.InferOutput<S>>;

const spec = <T>(codec: FlagCodec<unknown>, options: object): FlagSpec<T> =>
  ({ codec, options }) as FlagSpec<T>;

/**
 * flag builds flag declarations, one function per type, for
 * {@link defineFlags} and {@link FlagSet.declare}. The value type flows from
 * `validate`'s output type when a schema is given, else from `default`.
 */
export const flag = {
  /** bool: true/false, 1/0, t/f, yes/no, on/off; `--name` and `--no-name` on the command line. */
  bool: ((options: FlagOptions<boolean>) => spec(boolCodec, options)) as {
    <S extends StandardSchemaV1<unknown, boolean>>(options: SchemaFlagOptions<S>): Spec<S>;
    (options: PlainFlagOptions<boolean>): FlagSpec<boolean>;
  },
  /** int: a safe integer (decimal, 0x, 0o, 0b). */
  int: ((options: FlagOptions<number>) => spec(intCodec, options)) as {
    <S extends StandardSchemaV1<unknown, number>>(options: SchemaFlagOptions<S>): Spec<S>;
    (options: PlainFlagOptions<number>): FlagSpec<number>;
  },
  /** float: a finite number unless `allowNonFinite`. */
  float: ((options: FlagOptions<number> & FloatOptionsExtra) =>
    spec(floatCodec(options.allowNonFinite ?? false), options)) as {
    <S extends StandardSchemaV1<unknown, number>>(
      options: SchemaFlagOptions<S> & FloatOptionsExtra,
    ): Spec<S>;
    (options: PlainFlagOptions<number> & FloatOptionsExtra): FlagSpec<number>;
  },
  /** string: any text, trimmed. A schema may narrow it (e.g. an enum). */
  string: ((options: FlagOptions<string>) => spec(stringCodec, options)) as {
    <S extends StandardSchemaV1<unknown, string>>(options: SchemaFlagOptions<S>): Spec<S>;
    (options: PlainFlagOptions<string>): FlagSpec<string>;
  },
  /** duration: Go syntax plus d and w; the value is in milliseconds. */
  duration: ((options: FlagOptions<number>) => spec(durationCodec, options)) as {
    <S extends StandardSchemaV1<unknown, number>>(options: SchemaFlagOptions<S>): Spec<S>;
    (options: PlainFlagOptions<number>): FlagSpec<number>;
  },
  /** list: comma-separated, ordered, frozen strings. */
  list: ((options: FlagOptions<readonly string[]>) => spec(listCodec, options)) as {
    <S extends StandardSchemaV1<unknown, readonly string[]>>(
      options: SchemaFlagOptions<S>,
    ): Spec<S>;
    (options: PlainFlagOptions<readonly string[]>): FlagSpec<readonly string[]>;
  },
  /** set: comma-separated, unique, order-free strings, as an immutable Set. */
  set: ((options: FlagOptions<ReadonlySet<string>>) => spec(setCodec, options)) as {
    <S extends StandardSchemaV1<unknown, ReadonlySet<string>>>(
      options: SchemaFlagOptions<S>,
    ): Spec<S>;
    (options: PlainFlagOptions<ReadonlySet<string>>): FlagSpec<ReadonlySet<string>>;
  },
  /**
   * json: any JSON document, deeply frozen at run time and so deeply
   * read-only in its type; typed by the schema's output or the default.
   */
  json: ((options: FlagOptions<unknown>) => spec(jsonCodec, options)) as {
    <S extends StandardSchemaV1>(
      options: SchemaFlagOptions<S>,
    ): FlagSpec<DeepReadonly<StandardSchemaV1.InferOutput<S>>>;
    <T>(options: PlainFlagOptions<T>): FlagSpec<DeepReadonly<T>>;
  },
  /** bytes: raw file bytes from a ConfigMap (`binaryData`), base64 on the command line. */
  bytes: ((options: FlagOptions<Uint8Array>) => spec(bytesCodec, options)) as {
    <S extends StandardSchemaV1<unknown, Uint8Array>>(options: SchemaFlagOptions<S>): Spec<S>;
    (options: PlainFlagOptions<Uint8Array>): FlagSpec<Uint8Array>;
  },
};
