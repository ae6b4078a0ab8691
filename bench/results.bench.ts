/**
 * Gathers the figures every bench of `npm run bench` left in `dist-bench/results/`, prints
 * every target of issue 12 as met or not, and writes them all to `bench/results.json` (with the
 * Node version, CPU count and load average of the run): BENCHMARKS.md explains each figure.
 */
import { cpus, loadavg } from 'node:os';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadResult, printTargets, RESULTS_DIR } from './support/results.util.js';
import type { BenchResult } from './support/results.util.js';

const benches = readdirSync(RESULTS_DIR)
  .filter((f) => f.endsWith('.json'))
  .map((f) => loadResult(f.replace(/\.json$/, '')))
  .filter((r): r is BenchResult => r !== undefined);
const targets = benches.flatMap((b) => b.targets);
const out = {
  date: new Date().toISOString(),
  node: process.version,
  cpus: cpus().length,
  cpuModel: cpus()[0]?.model,
  loadAverage: loadavg().map((n) => Number(n.toFixed(2))),
  benches: Object.fromEntries(benches.map((b) => [b.bench, b.figures])),
  targets,
};
writeFileSync(join(process.cwd(), 'bench', 'results.json'), `${JSON.stringify(out, null, 2)}\n`);
console.log(
  `targets (Node ${out.node}, ${out.cpus} CPUs, load average ${out.loadAverage.join(' ')}):`,
);
printTargets(targets);
const met = targets.filter((t) => t.met === true).length;
const bounded = targets.filter((t) => t.met !== 'measured').length;
console.log(`${met} of ${bounded} bounded targets met; written to bench/results.json`);
