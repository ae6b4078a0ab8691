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
 * goParseDuration reads a text as Go does — `time.ParseDuration`, plus `d` and `w` when
 * `rules.days` — into whole **nanoseconds** (a bigint): an optional sign, then one or more parts
 * of a number (digits, a fraction, or both) and a unit (`ns us µs μs ms s m h`, `d w` with days);
 * `0` alone is zero; a bare number is refused (missing unit), and so is anything beyond int64
 * nanoseconds (about 292 years). A fraction below a nanosecond is dropped: `1.5ns` is 1ns.
 */
export function goParseDuration(text: string, rules: GoDurationRules): GoReading<bigint> {
  const m = cliMessages.goCompat;
  const { negative, digits } = goSplitSign(text);
  let s = digits;
  if (s === '0') return goValue(0n);
  if (s === '') return goRefusal(m.notADuration);
  let total = 0n;
  let truncated = false;
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
      const scale = 10n ** BigInt(fraction.length);
      const exact = BigInt(fraction) * size;
      total += exact / scale;
      if (exact % scale !== 0n) truncated = true;
    }
    if (total > INT64_MAX + 1n) return goRefusal(m.outOfDurationRange, m.whyDurationRange);
    s = s.slice(part.length);
  }
  if (!negative && total > INT64_MAX) {
    return goRefusal(m.outOfDurationRange, m.whyDurationRange);
  }
  return goValue(negative ? -total : total, truncated ? m.whyDurationTruncated : undefined);
}
