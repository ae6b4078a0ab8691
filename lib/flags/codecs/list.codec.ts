import type { FlagCodec } from './flag-codec.interface.js';
import { toText } from './text.util.js';

/**
 * splitItems splits comma-separated text: each item is trimmed and empty
 * items are dropped, so `a, b,,c ` is `["a","b","c"]` and empty text is `[]`.
 */
export function splitItems(text: string): string[] {
  return text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** listCodec: an ordered, frozen list of strings, comma-separated in text. */
export const listCodec: FlagCodec<readonly string[]> = {
  kind: 'list',
  expected: 'comma-separated items such as a,b,c (items are trimmed, empty items dropped)',
  parse: (raw) => Object.freeze(splitItems(toText(raw))),
  freeze: (value) => (Object.isFrozen(value) ? value : Object.freeze([...value])),
  format: (value) => value.join(','),
  canonical: (value) => JSON.stringify(value),
  equals: (a, b) => a.length === b.length && a.every((item, i) => item === b[i]),
  accepts: (value) =>
    Array.isArray(value) && value.every((item) => typeof item === 'string')
      ? undefined
      : 'not an array of strings',
};
