import { cliMessages } from '../cli-messages.constant.js';
import type { GoReading } from './go-reading.interface.js';
import { goRefusal, goValue } from './go-reading.interface.js';
import { goUnderscoreOk } from './go-underscore-ok.util.js';

// Go's float literal syntax, as strconv.ParseFloat reads it (underscores checked separately).
const DECIMAL = /^[+-]?(?:[0-9_]+\.?[0-9_]*|\.[0-9_]+)(?:e[+-]?[0-9_]+)?$/i;
const HEX = /^([+-]?)0x([0-9a-f_]*)(?:\.([0-9a-f_]*))?p([+-]?[0-9_]+)$/i;
const INFINITY = /^([+-]?)(?:inf|infinity)$/i;

/** scaleByPowerOfTwo multiplies by 2^exponent in steps, so that no step overflows or underflows early. */
function scaleByPowerOfTwo(value: number, exponent: number): number {
  let result = value;
  let rest = exponent;
  while (rest > 0) {
    const step = Math.min(rest, 1000);
    result *= 2 ** step;
    rest -= step;
  }
  while (rest < 0) {
    const step = Math.max(rest, -1000);
    result *= 2 ** step;
    rest -= step;
  }
  return result;
}

/**
 * goParseFloat reads a text as Go's `strconv.ParseFloat(s, 64)` does: decimal and exponent
 * notation as JavaScript reads it, plus **hexadecimal floats** (`0x1p-2` is 0.25; the `p`
 * exponent is required) and `_` between digits; `inf`, `infinity` (signed or not) and `nan` in
 * any case, whatever the flag allows; a value beyond the largest float64 is **refused** (out of
 * range), not read as ±Infinity. (A hex float whose result is subnormal may round once more than
 * Go's; no flag value is expected there.)
 */
export function goParseFloat(text: string): GoReading<number> {
  const m = cliMessages.goCompat;
  const infinity = INFINITY.exec(text);
  if (infinity) {
    return goValue(infinity[1] === '-' ? -Infinity : Infinity, m.whyNonFinite);
  }
  if (/^nan$/i.test(text)) return goValue(Number.NaN, m.whyNonFinite);
  const hex = HEX.exec(text);
  if (!hex && !DECIMAL.test(text)) return goRefusal(m.notAFloat);
  let why: string | undefined;
  if (text.includes('_')) {
    if (!goUnderscoreOk(text)) return goRefusal(m.notAFloat, m.whyUnderscoresMisplaced);
    why = m.whyUnderscores;
  }
  const plain = text.replaceAll('_', '');
  let value: number;
  if (hex) {
    const [, sign, whole = '', fraction = '', exponent = '0'] = hex;
    const digits = (whole + fraction).replaceAll('_', '');
    if (digits === '') return goRefusal(m.notAFloat);
    const mantissa = Number(BigInt(`0x${digits}`)); // rounds to the nearest float64
    const power = Number(exponent.replaceAll('_', '')) - 4 * fraction.replaceAll('_', '').length;
    value = scaleByPowerOfTwo(mantissa, power) * (sign === '-' ? -1 : 1);
    why ??= m.whyHexFloat;
  } else {
    if (!/[0-9]/.test(plain.replace(/e.*$/i, ''))) return goRefusal(m.notAFloat);
    value = Number(plain);
  }
  if (!Number.isFinite(value)) return goRefusal(m.outOfFloat64, m.whyFloatRange);
  return goValue(value, why);
}
