import type { ScalarTag, Tags } from 'yaml';

/**
 * How kubectl reads a plain scalar. kubectl (sigs.k8s.io/yaml, on go-yaml v2) is neither YAML 1.1
 * nor 1.2: it reads `0o52`, `052`, `0x2A`, `0b101`, `1_000`, `08` and `1e3` as numbers (the API
 * server then refuses them as a ConfigMap's values), but `12:30` (YAML 1.1's base 60) and
 * `2001-12-14` (a timestamp, which it hands on as the text) as strings. A manifest is read as
 * kubectl reads it, so that what `dflag validate` accepts is what `kubectl apply` accepts, and a
 * key is the file kubectl names (`0o17:` is the key `15`).
 */

const TAG = 'tag:yaml.org,2002:';
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

/** An integer as Go's `strconv.ParseInt(s, 0, 64)` reads it (a sign, then a base prefix or not). */
const GO_INT = /^([-+]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/;
/** go-yaml v2's `yamlStyleFloat`, which it reads with `strconv.ParseFloat`. */
const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
/** A scalar go-yaml v2 reads as a float from its first character `.` (`strconv.ParseFloat`). */
const DOT_FLOAT = /^\.[0-9]+([eE][-+]?[0-9]+)?$/;
/** The start of a timestamp, which go-yaml v2 tries first and hands on as the text. */
const TIMESTAMP_START = /^[0-9]{4}-/;

/** goInteger reads Go's integer literal in `text` (underscores already removed), in range. */
function goInteger(text: string): bigint | undefined {
  const match = GO_INT.exec(text);
  if (match === null) return undefined;
  const [, sign, digits] = match as unknown as [string, string, string];
  const prefix = digits.slice(0, 2).toLowerCase();
  let magnitude: bigint;
  if (prefix === '0x' || prefix === '0o' || prefix === '0b') {
    magnitude = BigInt(`0${prefix[1]}${digits.slice(2)}`);
  } else if (digits.length > 1 && digits.startsWith('0')) {
    magnitude = BigInt(`0o${digits.slice(1)}`); // a leading 0 is octal in Go
  } else {
    magnitude = BigInt(digits);
  }
  const value = sign === '-' ? -magnitude : magnitude;
  // ParseInt, then ParseUint (which takes no sign) for what is over int64.
  if (value >= INT64_MIN && value <= INT64_MAX) return value;
  if (sign === '' && value <= UINT64_MAX) return value;
  return undefined;
}

/** A number as its text would give: a safe integer as a number, a larger one as a bigint. */
const integerValue = (value: bigint): number | bigint =>
  value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER)
    ? Number(value)
    : value;

/**
 * kubectlNumber is the number kubectl reads in a plain scalar, or undefined when it reads text.
 * It follows go-yaml v2's resolver: a scalar starting with a digit or a sign is a timestamp
 * (text), else an integer or a float once every `_` is removed; one starting with `.` is a float
 * as `strconv.ParseFloat` reads it. A float out of range is text (ParseFloat fails).
 */
export function kubectlNumber(text: string): number | bigint | undefined {
  const first = text.charAt(0);
  if (first === '.') {
    if (!DOT_FLOAT.test(text)) return undefined;
    const value = Number(text);
    return Number.isFinite(value) ? value : undefined;
  }
  if (!/[-+0-9]/.test(first) || TIMESTAMP_START.test(text)) return undefined;
  const plain = text.replaceAll('_', '');
  const integer = goInteger(plain);
  if (integer !== undefined) return integerValue(integer);
  if (!YAML_STYLE_FLOAT.test(plain)) return undefined;
  const value = Number(plain);
  return Number.isFinite(value) ? value : undefined;
}

/** A `RegExp` whose `test` is {@link kubectlNumber}: the `yaml` package picks a tag by its test. */
class KubectlNumberTest extends RegExp {
  constructor() {
    super('^[-+0-9.]');
  }
  override test(text: string): boolean {
    return kubectlNumber(text) !== undefined;
  }
}

/** The numbers kubectl reads in plain scalars (and after `!!int`): by go-yaml v2's rules. */
const kubectlNumberTag: ScalarTag = {
  tag: `${TAG}int`,
  default: true,
  identify: (value) => typeof value === 'number' || typeof value === 'bigint',
  test: new KubectlNumberTest(),
  resolve: (text, onError) => {
    const value = kubectlNumber(text);
    if (value === undefined) onError('not a number as kubectl reads one');
    return value;
  },
};

/** The same numbers after an explicit `!!float`. */
const kubectlFloatTag: ScalarTag = { ...kubectlNumberTag, tag: `${TAG}float`, default: false };

/** go-yaml v2's infinities and NaNs: `.inf`, `+.inf`, `-.inf`, `.nan` in three spellings each. */
const kubectlSpecialFloatTag: ScalarTag = {
  tag: `${TAG}float`,
  default: true,
  identify: (value) => typeof value === 'number' && !Number.isFinite(value),
  test: /^(?:[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/,
  resolve: (text) =>
    text.endsWith('nan') || text.endsWith('NaN') || text.endsWith('NAN')
      ? Number.NaN
      : text.startsWith('-')
        ? Number.NEGATIVE_INFINITY
        : Number.POSITIVE_INFINITY,
};

/** The scalar tags of the `yaml` package's YAML 1.1 schema that kubectl does not share. */
const REPLACED = new Set([`${TAG}int`, `${TAG}float`, `${TAG}timestamp`]);

/**
 * kubectlTags turns the YAML 1.1 schema's tags into kubectl's: its null and booleans (`y`, `yes`,
 * `on`… as YAML 1.1, which go-yaml v2 shares), merge keys and collections are kept; its integers,
 * floats and timestamps give way to go-yaml v2's numbers (base 60 and timestamps are text).
 * For `SchemaOptions.customTags`.
 */
export function kubectlTags(tags: Tags): Tags {
  const kept = tags.filter(
    (tag) => typeof tag === 'string' || tag.collection !== undefined || !REPLACED.has(tag.tag),
  );
  return [...kept, kubectlSpecialFloatTag, kubectlNumberTag, kubectlFloatTag];
}
