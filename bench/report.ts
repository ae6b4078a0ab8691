/** report prints the median, p90, p99 and max of some samples. */
export function report(title: string, samples: number[]): void {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number): number =>
    sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
  const fmt = (n: number): string => n.toFixed(n < 1 ? 4 : 2);
  console.log(
    `${title}\n  median ${fmt(at(0.5))}  p90 ${fmt(at(0.9))}  p99 ${fmt(at(0.99))}  max ${fmt(sorted.at(-1) as number)}  (n=${samples.length})`,
  );
}
