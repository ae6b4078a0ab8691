import type { FlagCodec } from './flag-codec.interface.js';
import { CodecError } from './flag-codec.interface.js';
import { deepFreeze } from './deep-freeze.util.js';
import { jsonEquals } from './json-equals.util.js';
import { MAX_JSON_DEPTH } from './json-depth.util.js';
import { FORBIDDEN_JSON_KEYS as FORBIDDEN_KEYS, sealParsedJson } from './seal-json.util.js';
import { toText } from './text.util.js';

/** canonicalJson writes JSON with object keys sorted, so equal values give equal text. */
export function canonicalJson(value: unknown): string {
  return writeCanonical(value);
}

function writeCanonical(value: unknown): string {
  return JSON.stringify(sortedCopy(value));
}

const byKey = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * sortedCopy copies a JSON value with every object's keys inserted in sorted order, for one
 * native `JSON.stringify` (a replacer sorting each object costs ~4× as much on a 1 MiB document).
 * Integer-like keys come first in any object, as they would through a replacer.
 */
function sortedCopy(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(sortedCopy);
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort(byKey)) {
    const item = sortedCopy((value as Record<string, unknown>)[key]);
    // `__proto__` is refused in flag values; should one come here, it stays a plain key.
    if (key === '__proto__') Object.defineProperty(copy, key, { value: item, enumerable: true });
    else copy[key] = item;
  }
  return copy;
}

const parsed = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CodecError('not valid JSON', (error as Error).message);
  }
};

const sealed = (value: unknown): unknown => {
  const problem = sealParsedJson(value);
  if (problem !== undefined) throw new CodecError(problem);
  return value;
};

/**
 * jsonCodec: any JSON document, deeply frozen. Keys `__proto__`,
 * `constructor` and `prototype` are refused anywhere in it, so that no value
 * read from a ConfigMap can pollute prototypes when user code merges it.
 */
export const jsonCodec: FlagCodec<unknown> = {
  kind: 'json',
  expected: 'a JSON document such as {"rate": 50}',
  parse(raw) {
    return sealed(parsed(toText(raw)));
  },
  // Decoding, JSON.parse and the walk each in a turn of their own if need be (1 MiB: ~1, ~17, ~10 ms).
  *parseSteps(raw, pause) {
    const text = toText(raw);
    if (pause()) yield;
    const value = parsed(text);
    if (pause()) yield;
    return sealed(value);
  },
  freeze: deepFreeze,
  format: (value) => JSON.stringify(value),
  canonical: canonicalJson,
  equals: jsonEquals,
  accepts: (value) => jsonProblem(value, 0),
  // sealParsedJson checked depth and keys; JSON.parse gives no other kind of value.
  parsedOfKind: true,
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
