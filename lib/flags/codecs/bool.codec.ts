import type { FlagCodec } from './flag-codec.interface.js';
import { CodecError } from './flag-codec.interface.js';
import { toText } from './text.util.js';

const TRUE = new Set(['true', '1', 't', 'yes', 'on']);
const FALSE = new Set(['false', '0', 'f', 'no', 'off']);

/** boolCodec accepts true/false, 1/0, t/f, yes/no, on/off in any case. */
export const boolCodec: FlagCodec<boolean> = {
  kind: 'bool',
  expected: 'a boolean: true/false, 1/0, t/f, yes/no or on/off',
  parse(raw) {
    const text = toText(raw).toLowerCase();
    if (TRUE.has(text)) return true;
    if (FALSE.has(text)) return false;
    throw new CodecError('not a boolean');
  },
  freeze: (value) => value,
  format: (value) => String(value),
  canonical: (value) => String(value),
  equals: (a, b) => a === b,
  accepts: (value) => (typeof value === 'boolean' ? undefined : 'not a boolean'),
};
