import type { FlagCodec } from './flag-codec.interface.js';
import { CodecError } from './flag-codec.interface.js';
import { deepFreeze } from './deep-freeze.util.js';
import { jsonEquals, jsonEqualsSteps } from './json-equals.util.js';
import { MAX_JSON_DEPTH } from './json-depth.util.js';
import {
  FORBIDDEN_JSON_KEYS as FORBIDDEN_KEYS,
  FORBIDDEN_KEY_REASON,
  sealParsedJson,
  sealParsedJsonSteps,
} from './seal-json.util.js';
import { canonicalJson, canonicalJsonSteps, jsonPrefix } from './json-text.util.js';
import { toText } from './text.util.js';

/** From this length on, `JSON.parse` (~1 ms per 64 KiB here) gets an event-loop turn of its own. */
const PARSE_ALONE_CHARS = 64 * 1024;

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
  // Decoding, JSON.parse and the walk each in a turn of their own if need be (1 MiB: ~1, ~10,
  // ~5 ms); a big document's decoding and JSON.parse always alone in their turns (the parse's
  // then lasts what it takes), and its walk in steps.
  *parseSteps(raw, pause) {
    // Decoding 1 MiB takes ~0.7 ms: a step of its own too, not after a slice's other work.
    if (raw.length >= PARSE_ALONE_CHARS) yield;
    const text = toText(raw);
    const big = text.length >= PARSE_ALONE_CHARS;
    if (big || pause()) yield;
    const value = parsed(text);
    if (big || pause()) yield;
    const problem = yield* sealParsedJsonSteps(value, pause);
    if (problem !== undefined) throw new CodecError(problem);
    return value;
  },
  freeze: deepFreeze,
  format: (value) => JSON.stringify(value),
  formatPrefix: jsonPrefix,
  canonical: canonicalJson,
  canonicalSteps: canonicalJsonSteps,
  equals: jsonEquals,
  equalsSteps: jsonEqualsSteps,
  accepts: (value) => jsonProblem(value, 0),
  // sealParsedJson checked depth and keys; JSON.parse gives no other kind of value.
  parsedOfKind: true,
};

/** jsonProblem tells why a typed value is not a plain JSON value (or undefined when it is). */
function jsonProblem(value: unknown, depth: number): string | undefined {
  // As the parsed document's walk counts: a container at depth 1000 is the 1001st level.
  if (depth >= MAX_JSON_DEPTH && value !== null && typeof value === 'object')
    return `nested deeper than ${MAX_JSON_DEPTH} levels`;
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
      if (FORBIDDEN_KEYS.has(key)) return FORBIDDEN_KEY_REASON;
      const problem = jsonProblem(item, depth + 1);
      if (problem) return problem;
    }
    return undefined;
  }
  return `holds a ${typeof value === 'object' ? (value.constructor?.name ?? 'object') : typeof value}, which JSON cannot represent`;
}
