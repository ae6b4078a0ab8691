import { isDeepStrictEqual } from 'node:util';
import type { FlagCodec } from './flag-codec.interface.js';
import { CodecError } from './flag-codec.interface.js';
import { deepFreeze } from './deep-freeze.util.js';
import { exceedsJsonDepth, MAX_JSON_DEPTH } from './json-depth.util.js';
import { toText } from './text.util.js';

/** Keys that could reach an object's prototype when the value is later merged or copied. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** canonicalJson writes JSON with object keys sorted, so equal values give equal text. */
export function canonicalJson(value: unknown): string {
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
    if (exceedsJsonDepth(text)) {
      throw new CodecError(`nested deeper than ${MAX_JSON_DEPTH} levels`);
    }
    let forbidden: string | undefined;
    let value: unknown;
    try {
      value = JSON.parse(text, (key, v: unknown) => {
        if (FORBIDDEN_KEYS.has(key)) forbidden ??= key;
        return v;
      });
    } catch (error) {
      throw new CodecError('not valid JSON', (error as Error).message);
    }
    if (forbidden !== undefined) throw new CodecError(`the key "${forbidden}" is not allowed`);
    return deepFreeze(value);
  },
  freeze: deepFreeze,
  format: (value) => JSON.stringify(value),
  canonical: canonicalJson,
  equals: isDeepStrictEqual,
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
