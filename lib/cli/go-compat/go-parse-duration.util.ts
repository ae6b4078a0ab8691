import { cliMessages } from '../cli-messages.constant.js';
import type { GoReading } from './go-reading.interface.js';
import { goRefusal, goValue } from './go-reading.interface.js';
import { goSplitSign } from './go-split-sign.util.js';

const NS_PER: Record<string, bigint> = {
  ns: 1n,
  us: 1_000n,
  µs: 1_000n, // U+00B5 micro sign
  μs: 1_000n, // U+03BC Greek mu
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
};
const DAY = 86_400_000_000_000n;
const INT64_MAX = (1n << 63n) - 1n;
// One part: digits, an optional fraction, then the unit: everything up to the next digit or dot.
const PART = /^(\d*)(?:\.(\d*))?([^\d.]*)/;

/** GoDurationRules says which Go parser reads the text. */
export interface GoDurationRules {
  /**
   * GoDurationRules.days is true for dflag's dynamic durations since v1.9.0 (fortio.org/duration:
   * `d` is 24h, `w` 7d), false for Go's `time.ParseDuration` (a standard `flag.Duration`, and dflag
   * before v1.9.0), which refuses them.
   */
  readonly days: boolean;
}

/**
 * goFraction reads a fraction's digits as Go's `leadingFraction` does: digits until one more
 * would overflow an int64, the rest skipped, and its scale (10^digits read) as a float64.
 */
function goFraction(digits: string): { value: bigint; scale: number } {
  let value = 0n;
  let scale = 1;
  for (const c of digits) {
    const next = value * 10n + BigInt(c);
    if (value > INT64_MAX / 10n || next > INT64_MAX + 1n) break;
    value = next;
    scale *= 10;
  }
  return { value, scale };
}

/**
 * goParseDuration reads a text as Go does — `time.ParseDuration`, plus `d` and `w` when
 * `rules.days` — into whole **nanoseconds** (a bigint): an optional sign, then one or more parts
 * of a number (digits, a fraction, or both) and a unit (`ns us µs μs ms s m h`, `d w` with days);
 * `0` alone is zero; a bare number is refused (missing unit), and so is anything beyond int64
 * nanoseconds (about 292 years). A fraction is added as Go adds it: its first 18 or 19 digits
 * (as many as an int64 holds) times the unit over their scale, in float64, cut to whole
 * nanoseconds — `1.5ns` is 1ns, and `0.9999999999999999999999s` one second. The reading says
 * (`whyDurationTruncated`) when that is not the text's exact value.
 */
export function goParseDuration(text: string, rules: GoDurationRules): GoReading<bigint> {
  const m = cliMessages.goCompat;
  const { negative, digits } = goSplitSign(text);
  let s = digits;
  if (s === '0') return goValue(0n);
  if (s === '') return goRefusal(m.notADuration);
  let total = 0n;
  let inexact = false;
  while (s !== '') {
    const [part = '', whole = '', fraction, unit = ''] = PART.exec(s) ?? [];
    if (whole === '' && (fraction ?? '') === '') return goRefusal(m.notADuration);
    if (unit === '') return goRefusal(m.durationMissingUnit, m.whyDurationUnit);
    let size = NS_PER[unit];
    if (size === undefined && rules.days && (unit === 'd' || unit === 'w')) {
      size = unit === 'd' ? DAY : 7n * DAY;
    }
    if (size === undefined) {
      return goRefusal(
        m.durationUnknownUnit(unit),
        unit === 'd' || unit === 'w' ? m.whyDurationDays : undefined,
      );
    }
    total += BigInt(whole === '' ? '0' : whole) * size;
    if (fraction !== undefined && fraction !== '') {
      const read = goFraction(fraction);
      // Go: v += uint64(float64(f) * (float64(unit) / scale)).
      const added = BigInt(Math.trunc(Number(read.value) * (Number(size) / read.scale)));
      total += added;
      const exact = BigInt(fraction) * size;
      if (added * 10n ** BigInt(fraction.length) !== exact) inexact = true;
    }
    if (total > INT64_MAX + 1n) return goRefusal(m.outOfDurationRange, m.whyDurationRange);
    s = s.slice(part.length);
  }
  if (!negative && total > INT64_MAX) {
    return goRefusal(m.outOfDurationRange, m.whyDurationRange);
  }
  return goValue(negative ? -total : total, inexact ? m.whyDurationTruncated : undefined);
}
