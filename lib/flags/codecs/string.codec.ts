import type { FlagCodec } from './flag-codec.interface.js';
import { toText } from './text.util.js';

/** stringCodec accepts any UTF-8 text, trimmed of surrounding whitespace. */
export const stringCodec: FlagCodec<string> = {
  kind: 'string',
  expected: 'any UTF-8 text',
  parse: (raw) => toText(raw),
  freeze: (value) => value,
  format: (value) => value,
  canonical: (value) => value,
  equals: (a, b) => a === b,
  accepts: (value) => (typeof value === 'string' ? undefined : 'not a string'),
};
