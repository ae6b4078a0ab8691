import type { FlagCodec } from './flag-codec.interface.js';
import { CodecError } from './flag-codec.interface.js';
import { deepFreeze } from './deep-freeze.util.js';
import { jsonEquals } from './json-equals.util.js';
import { MAX_JSON_DEPTH } from './json-depth.util.js';
import { FORBIDDEN_JSON_KEYS as FORBIDDEN_KEYS, sealParsedJson } from './seal-json.util.js';
import { toText } from './text.util.js';

/**
 * The canonical text of each frozen document already written: checksums ask for every flag's
 * after each swap, and a document never changes once frozen.
 */
const canonicalTexts = new WeakMap<object, string>();

/**
 * canonicalJson writes JSON with object keys sorted, so equal values give equal text. A frozen
 * document's text is remembered.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return writeCanonical(value);
  let text = canonicalTexts.get(value);
  if (text === undefined) {
    text = writeCanonical(value);
    if (Object.isFrozen(value)) canonicalTexts.set(value, text);
  }
  return text;
}

function writeCanonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/**
 * jsonCodec: any JSON document, deeply frozen. Keys `__proto__`,
 * `constructor` and `prototype` are refused anywhere in it, so that no value
 * read from a ConfigMap can pollute prototypes when user code merges it.
 */
export const jsonCodec: FlagCodec<unknown> = {
  kind: 'json',
  expected: 'a JSON document such as {"rate": 50}',
  parse(raw) {
    const text = toText(raw);
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new CodecError('not valid JSON', (error as Error).message);
    }
    const problem = sealParsedJson(value);
    if (problem !== undefined) throw new CodecError(problem);
    return value;
  },
  freeze: deepFreeze,
  format: (value) => JSON.stringify(value),
  canonical: canonicalJson,
  equals: jsonEquals,
  accepts: (value) => jsonProblem(value, 0),
};

/** jsonProblem tells why a typed value is not a plain JSON value (or undefined when it is). */
function jsonProblem(value: unknown, depth: number): string | undefined {
  if (depth > MAX_JSON_DEPTH) return `nested deeper than ${MAX_JSON_DEPTH} levels`;
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return undefined;
  if (typeof value === 'number')
    return Number.isFinite(value) ? undefined : 'holds a non-finite number';
  if (Array.isArray(value)) {
    for (const item of value) {
      const problem = jsonProblem(item, depth + 1);
      if (problem) return problem;
    }
    return undefined;
  }
  if (
    typeof value === 'object' &&
    [Object.prototype, null].includes(Object.getPrototypeOf(value))
  ) {
    for (const [key, item] of Object.entries(value)) {
      if (FORBIDDEN_KEYS.has(key)) return `the key "${key}" is not allowed`;
      const problem = jsonProblem(item, depth + 1);
      if (problem) return problem;
    }
    return undefined;
  }
  return `holds a ${typeof value === 'object' ? (value.constructor?.name ?? 'object') : typeof value}, which JSON cannot represent`;
}
