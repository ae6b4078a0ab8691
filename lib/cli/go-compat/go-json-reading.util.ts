import { cliMessages } from '../cli-messages.constant.js';
import { exceedsJsonDepth } from '../../flags/codecs/json-depth.util.js';
import { FORBIDDEN_JSON_KEYS } from '../../flags/codecs/seal-json.util.js';
import type { GoReading } from './go-reading.interface.js';
import { goRefusal, goValue } from './go-reading.interface.js';

/** Go's encoding/json refuses documents nested deeper than this. */
export const GO_JSON_MAX_DEPTH = 10_000;

/**
 * GoJsonValue is what the Go original makes of a JSON document, as far as it can be told without
 * the Go type the service decodes into: `same` when nothing below applies; `zero` when the
 * document is `null` (ignored: the flag gets the zero value of its type); `replaced` when a string
 * holds an unpaired surrogate escape (`\ud800`), which Go replaces with U+FFFD; `exact` when an
 * integer is beyond what a float64 holds exactly but within int64 or uint64, which Go keeps
 * exactly in an integer field; `beyond-int64` when an integer is beyond both, which an integer
 * field refuses (a float field reads the nearest float64, as nestjs-dflag does).
 */
export type GoJsonValue = 'same' | 'zero' | 'replaced' | 'exact' | 'beyond-int64';

const INT64_MIN = -(1n << 63n);
const UINT64_MAX = (1n << 64n) - 1n;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * someText tells whether any string of a parsed document — a key (`isKey`) or a value — passes
 * `test`. It walks with a stack of its own: a document may nest 10000 levels.
 */
function someText(document: unknown, test: (text: string, isKey: boolean) => boolean): boolean {
  const pending: unknown[] = [document];
  while (pending.length > 0) {
    const value = pending.pop();
    if (typeof value === 'string') {
      if (test(value, false)) return true;
    } else if (Array.isArray(value)) {
      pending.push(...value);
    } else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        if (test(key, true)) return true;
        pending.push(item);
      }
    }
  }
  return false;
}

/** holdsLoneSurrogate tells whether any key or string value of a document holds an unpaired surrogate. */
const holdsLoneSurrogate = (document: unknown): boolean =>
  someText(document, (text) => LONE_SURROGATE.test(text));

/** holdsForbiddenKey tells whether a document has a key nestjs-dflag refuses (see `sealParsedJson`). */
const holdsForbiddenKey = (document: unknown): boolean =>
  someText(document, (text, isKey) => isKey && FORBIDDEN_JSON_KEYS.has(text));

const NUMBER = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** someNumberLiteral finds a number literal (outside strings) that passes `test`. */
function someNumberLiteral(text: string, test: (literal: string) => boolean): string | undefined {
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') {
      inString = true;
    } else if (c === '-' || (c >= '0' && c <= '9')) {
      NUMBER.lastIndex = i;
      const literal = NUMBER.exec(text)?.[0] ?? c;
      i += literal.length - 1;
      if (test(literal)) return literal;
    }
  }
  return undefined;
}

/** inexactInteger finds an integer literal that a float64 does not hold exactly. */
const inexactInteger = (text: string): string | undefined =>
  someNumberLiteral(
    text,
    (literal) => /^-?\d+$/.test(literal) && BigInt(Number(literal)) !== BigInt(literal),
  );

/** beyondInt64 finds an integer literal that neither an int64 nor a uint64 holds. */
const beyondInt64 = (text: string): string | undefined =>
  someNumberLiteral(text, (literal) => {
    if (!/^-?\d+$/.test(literal)) return false;
    const value = BigInt(literal);
    return value < INT64_MIN || value > UINT64_MAX;
  });

/** overflowingNumber finds a number literal beyond float64's range (`1e400`), which Go refuses. */
const overflowingNumber = (text: string): string | undefined =>
  someNumberLiteral(text, (literal) => !Number.isFinite(Number(literal)));

/**
 * goReadJson reads a (trimmed) text as dflag's JSON flags do: `encoding/json` decoding into a
 * fresh value of the struct or slice type the Go service declared. Refused: invalid JSON, nesting
 * deeper than {@link GO_JSON_MAX_DEPTH}, and a number, string or boolean at the top (no struct or
 * slice takes one). Keys `__proto__`, `constructor` and `prototype` are ordinary keys to Go.
 */
export function goReadJson(text: string): GoReading<GoJsonValue> {
  const m = cliMessages.goCompat;
  if (exceedsJsonDepth(text, GO_JSON_MAX_DEPTH)) return goRefusal(m.jsonTooDeep);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return goRefusal(m.notJson);
  }
  if (overflowingNumber(text) !== undefined) return goRefusal(m.jsonNumberOverflow);
  if (parsed === null) return goValue('zero', m.whyJsonNull);
  if (typeof parsed !== 'object') return goRefusal(m.jsonNotObject, m.whyJsonTopLevel);
  // A document nestjs-dflag refuses as a whole: that refusal is the difference, whatever else.
  if (exceedsJsonDepth(text)) return goValue('same', m.whyJsonDeep);
  if (holdsForbiddenKey(parsed)) return goValue('same', m.whyJsonForbiddenKey);
  if (holdsLoneSurrogate(parsed)) return goValue('replaced', m.whyJsonSurrogate);
  if (beyondInt64(text) !== undefined) return goValue('beyond-int64', m.whyJsonBeyondInt64);
  if (inexactInteger(text) !== undefined) return goValue('exact', m.whyJsonBigInteger);
  return goValue('same');
}
