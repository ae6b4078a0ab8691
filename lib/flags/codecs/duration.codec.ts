import type { FlagCodec } from './flag-codec.interface.js';
import { CodecError } from './flag-codec.interface.js';
import { toText } from './text.util.js';

/** Milliseconds per unit; `d` and `w` extend Go's syntax as dflag does. */
const UNIT_MS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3, // U+00B5 micro sign
  μs: 1e-3, // U+03BC Greek mu
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};
const DURATION = /^[+-]?((\d+(\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h|d|w))+$/;
const PART = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h|d|w)/g;
/** Display units, largest first; sub-millisecond rests are shown in µs/ns. */
const DISPLAY: ReadonlyArray<[string, number]> = [
  ['d', 86_400_000],
  ['h', 3_600_000],
  ['m', 60_000],
  ['s', 1000],
  ['ms', 1],
];

/** parseDuration parses Go duration syntax (`1h30m`, `250ms`, `-1.5s`, `2d`, `1w`) into milliseconds. */
export function parseDuration(text: string): number {
  if (text === '0' || text === '+0' || text === '-0') return 0;
  if (!DURATION.test(text)) throw new CodecError('not a duration');
  let ms = 0;
  for (const [, amount, unit] of text.matchAll(PART)) {
    ms += Number(amount) * (UNIT_MS[unit as string] as number);
  }
  if (!Number.isFinite(ms) || Math.abs(ms) > Number.MAX_SAFE_INTEGER) {
    throw new CodecError('out of range');
  }
  return text.startsWith('-') && ms !== 0 ? -ms : ms;
}

/** formatDuration writes milliseconds back in the same syntax, e.g. `1h30m`, `1s250ms`, `0s`. */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0s';
  let rest = Math.abs(ms);
  let out = ms < 0 ? '-' : '';
  for (const [unit, size] of DISPLAY) {
    const whole = Math.floor(rest / size);
    if (whole > 0) {
      out += `${whole}${unit}`;
      rest -= whole * size;
    }
  }
  const ns = Math.round(rest * 1e6);
  if (ns >= 1000 && ns % 1000 === 0) out += `${ns / 1000}µs`;
  else if (ns > 0) out += `${ns}ns`;
  return out;
}

/**
 * durationCodec: Go duration syntax plus `d` (24h) and `w` (7d). The value is
 * a number of **milliseconds** (what `setTimeout` and most Node APIs take).
 */
export const durationCodec: FlagCodec<number> = {
  kind: 'duration',
  expected: 'a duration such as 250ms, 1.5s, 1h30m, 2d or 1w (units ns, us, ms, s, m, h, d, w)',
  parse: (raw) => parseDuration(toText(raw)),
  freeze: (value) => value,
  format: formatDuration,
  canonical: (value) => String(value),
  equals: (a, b) => a === b,
  accepts: (value) =>
    typeof value === 'number' &&
    Number.isFinite(value) &&
    Math.abs(value) <= Number.MAX_SAFE_INTEGER
      ? undefined
      : 'not a finite number of milliseconds',
};
