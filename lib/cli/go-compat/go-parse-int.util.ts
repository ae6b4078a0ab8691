import { cliMessages } from '../cli-messages.constant.js';
import type { GoReading } from './go-reading.interface.js';
import { goRefusal, goValue } from './go-reading.interface.js';
import { goUnderscoreOk } from './go-underscore-ok.util.js';
import { goSplitSign } from './go-split-sign.util.js';

const INT64_MAX = (1n << 63n) - 1n;
const INT64_MIN = -(1n << 63n);

/**
 * goParseInt reads a text as Go's `strconv.ParseInt(s, 0, 64)` does (dflag's int64 flags, and the
 * standard `flag.Int`/`flag.Int64`): an optional sign, then `0x`/`0X` hex, `0o`/`0O` octal, `0b`/`0B`
 * binary, **a leading `0` alone is octal** (`010` is 8, `09` is refused), else decimal; `_` may
 * separate digits (and follow a base prefix); the range is int64. The value is a bigint: it may be
 * beyond what a JavaScript number holds exactly.
 */
export function goParseInt(text: string): GoReading<bigint> {
  const m = cliMessages.goCompat;
  const { negative, digits: s } = goSplitSign(text);
  if (s === '') return goRefusal(m.notAnInt);
  let base = 10;
  let digits = s;
  let why: string | undefined;
  if (s[0] === '0' && s.length > 1) {
    const prefix = (s[1] as string).toLowerCase();
    if (s.length >= 3 && (prefix === 'x' || prefix === 'o' || prefix === 'b')) {
      base = prefix === 'x' ? 16 : prefix === 'o' ? 8 : 2;
      digits = s.slice(2);
    } else {
      base = 8;
      digits = s.slice(1);
      why = m.whyOctal;
    }
  }
  let value = 0n;
  let underscores = false;
  for (const c of digits) {
    if (c === '_') {
      underscores = true;
      continue;
    }
    const digit = Number.parseInt(c, 36);
    if (Number.isNaN(digit) || digit >= base) {
      // 8 or 9 after a leading 0 is not octal; anything else (a space, a letter) is no digit at all.
      const octal = why !== undefined && (c === '8' || c === '9');
      return octal ? goRefusal(m.notAnOctalInt, why) : goRefusal(m.notAnInt);
    }
    value = value * BigInt(base) + BigInt(digit);
  }
  if (underscores) {
    if (!goUnderscoreOk(s)) return goRefusal(m.notAnInt, m.whyUnderscoresMisplaced);
    why ??= m.whyUnderscores;
  }
  if (negative) value = -value;
  if (value > INT64_MAX || value < INT64_MIN) return goRefusal(m.outOfInt64, why);
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
    why ??= m.whyBeyondSafe;
  }
  return goValue(value, why);
}
