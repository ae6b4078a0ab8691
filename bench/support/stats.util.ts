/** quantile of some samples (nearest rank); NaN when there are none. */
export function quantile(samples: readonly number[], q: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
}

/** Spread is a figure over repeated runs: its median, and the lowest and highest run. */
export interface Spread {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly runs: number;
}

/** spreadOf summarises one figure measured in several runs. */
export function spreadOf(values: readonly number[]): Spread {
  return {
    median: quantile(values, 0.5),
    min: Math.min(...values),
    max: Math.max(...values),
    runs: values.length,
  };
}

/** fmt shows a number with a precision fit for its size. */
export const fmt = (n: number): string =>
  Number.isNaN(n) ? '-' : n.toFixed(n < 1 ? 3 : n < 100 ? 2 : 0);

/** showSpread is `median (min–max)`. */
export const showSpread = (s: Spread, unit = ''): string =>
  `${fmt(s.median)}${unit} (${fmt(s.min)}–${fmt(s.max)})`;
