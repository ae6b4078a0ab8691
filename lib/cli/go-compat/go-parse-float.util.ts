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

/** The significant bits a hex float's mantissa keeps before it is rounded to a float64's 53. */
const KEPT_BITS = 64n;

/**
 * hexFloat is `mantissa × 2^power` rounded to a float64, Infinity beyond its range, 0 below it:
 * a mantissa of any length is first cut to {@link KEPT_BITS} bits, the bits cut off kept as one
 * sticky bit (so that the one rounding to 53 bits is Go's), and an exponent of any size is
 * settled before any multiplication (an exponent of 10^20 once made the scaling loop endless).
 */
function hexFloat(mantissa: bigint, power: number): number {
  if (mantissa === 0n) return 0;
  let bits = BigInt(mantissa.toString(2).length);
  let kept = mantissa;
  let exponent = power;
  if (bits > KEPT_BITS) {
    const cut = bits - KEPT_BITS;
    const sticky = (kept & ((1n << cut) - 1n)) !== 0n ? 1n : 0n;
    kept = (kept >> cut) | sticky;
    exponent += Number(cut);
    bits = KEPT_BITS;
  }
  // The value is below 2^(bits + exponent): beyond 2^1024 it is out of range, below 2^-1076 zero.
  const top = Number(bits) + exponent;
  if (top > 1025) return Infinity;
  if (top < -1076) return 0;
  return scaleByPowerOfTwo(Number(kept), exponent);
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
    const power = Number(exponent.replaceAll('_', '')) - 4 * fraction.replaceAll('_', '').length;
    value = hexFloat(BigInt(`0x${digits}`), power) * (sign === '-' ? -1 : 1);
    why ??= m.whyHexFloat;
  } else {
    if (!/[0-9]/.test(plain.replace(/e.*$/i, ''))) return goRefusal(m.notAFloat);
    value = Number(plain);
  }
  if (!Number.isFinite(value)) return goRefusal(m.outOfFloat64, m.whyFloatRange);
  return goValue(value, why);
}
