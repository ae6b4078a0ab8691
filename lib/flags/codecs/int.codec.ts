import type { FlagCodec } from './flag-codec.interface.js';
import { CodecError } from './flag-codec.interface.js';
import { toText } from './text.util.js';

const PREFIXED = /^([+-]?)0([xob])([0-9a-f]+)$/i;
const DECIMAL = /^[+-]?\d+$/;
const RADIX: Record<string, number> = { x: 16, o: 8, b: 2 };
const DIGITS: Record<number, RegExp> = { 16: /^[0-9a-f]+$/i, 8: /^[0-7]+$/, 2: /^[01]+$/ };

/**
 * intCodec accepts safe integers only (|n| <= 2^53 - 1): decimal (a leading
 * zero is still decimal: `010` is ten, unlike Go's octal) or with a `0x`,
 * `0o` or `0b` prefix. Fractions and exponents are refused, not truncated.
 */
export const intCodec: FlagCodec<number> = {
  kind: 'int',
  expected: 'a safe integer such as 42, -7, 0x2a, 0o52 or 0b101010',
  parse(raw) {
    const text = toText(raw);
    let value: number;
    const prefixed = PREFIXED.exec(text);
    if (prefixed) {
      const [, sign, base, digits] = prefixed as unknown as [string, string, string, string];
      const radix = RADIX[base.toLowerCase()] as number;
      if (!(DIGITS[radix] as RegExp).test(digits))
        throw new CodecError(`not a base-${radix} integer`);
      value = Number.parseInt(digits, radix) * (sign === '-' ? -1 : 1);
    } else if (DECIMAL.test(text)) {
      value = Number(text);
    } else {
      throw new CodecError('not an integer');
    }
    if (!Number.isSafeInteger(value))
      throw new CodecError('out of the safe integer range (±2^53-1)');
    return value === 0 ? 0 : value; // no -0
  },
  freeze: (value) => value,
  format: (value) => String(value),
  canonical: (value) => String(value),
  equals: (a, b) => a === b,
  accepts: (value) =>
    typeof value === 'number' && Number.isSafeInteger(value) ? undefined : 'not a safe integer',
};
