import type { FlagCodec } from './flag-codec.interface.js';
import { CodecError } from './flag-codec.interface.js';
import { toText } from './text.util.js';

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;
const NON_FINITE: Record<string, number> = {
  nan: Number.NaN,
  inf: Number.POSITIVE_INFINITY,
  '+inf': Number.POSITIVE_INFINITY,
  infinity: Number.POSITIVE_INFINITY,
  '+infinity': Number.POSITIVE_INFINITY,
  '-inf': Number.NEGATIVE_INFINITY,
  '-infinity': Number.NEGATIVE_INFINITY,
};

/**
 * floatCodec builds the codec of a float flag: decimal or exponent notation;
 * NaN and ±Infinity (and values that overflow to them) only when allowed.
 */
export function floatCodec(allowNonFinite: boolean): FlagCodec<number> {
  return {
    kind: 'float',
    expected: allowNonFinite
      ? 'a number such as 0.5, -3 or 1e-3, or NaN, Inf, -Inf'
      : 'a finite number such as 0.5, -3 or 1e-3',
    parse(raw) {
      const text = toText(raw);
      const special = NON_FINITE[text.toLowerCase()];
      let value: number;
      if (special !== undefined) value = special;
      else if (NUMBER.test(text)) value = Number(text);
      else throw new CodecError('not a number');
      if (!allowNonFinite && !Number.isFinite(value)) throw new CodecError('not a finite number');
      return value;
    },
    freeze: (value) => value,
    format: (value) => String(value),
    canonical: (value) => String(value),
    equals: (a, b) => Object.is(a, b) || a === b,
    accepts: (value) =>
      typeof value !== 'number'
        ? 'not a number'
        : !allowNonFinite && !Number.isFinite(value)
          ? 'not a finite number'
          : undefined,
  };
}
