import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where each bench leaves its figures for `results.bench.ts` to gather. */
export const RESULTS_DIR = join(process.cwd(), 'dist-bench', 'results');

/** Target is one target of issue 12, with the figure measured for it. */
export interface Target {
  readonly name: string;
  readonly figure: string;
  readonly bound: string;
  readonly met: boolean | 'measured';
}

/** BenchResult is what one bench leaves: its figures (free form) and the targets it checks. */
export interface BenchResult {
  readonly bench: string;
  readonly figures: Record<string, unknown>;
  readonly targets: readonly Target[];
}

/** saveResult writes one bench's figures for `results.bench.ts`. */
export function saveResult(result: BenchResult): void {
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(join(RESULTS_DIR, `${result.bench}.json`), JSON.stringify(result, null, 2));
}

/** loadResult reads one bench's figures, if it ran. */
export function loadResult(bench: string): BenchResult | undefined {
  try {
    return JSON.parse(readFileSync(join(RESULTS_DIR, `${bench}.json`), 'utf8')) as BenchResult;
  } catch {
    return undefined;
  }
}

/** printTargets prints each target as met or not. */
export function printTargets(targets: readonly Target[]): void {
  for (const t of targets) {
    const verdict = t.met === 'measured' ? 'measured' : t.met ? 'met' : 'NOT MET';
    console.log(`  [${verdict}] ${t.name}: ${t.figure} (target ${t.bound})`);
  }
}
