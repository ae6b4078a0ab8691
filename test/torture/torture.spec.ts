import { engineTarget, slicedEngineTarget } from './engine.target.js';
import { nestTarget } from './nest.target.js';
import { formatTortureReport } from './torture-report.js';
import type { TortureOptions } from './torture-run.js';
import { runTorture } from './torture-run.js';

/**
 * The torture suite. Bounded inside `npm test`; `npm run torture -- --writes
 * 10000 --seed N` runs the same scenarios long (it sets the variables read
 * here).
 */
const env = process.env;
const seed = Number(env.TORTURE_SEED ?? 20261125);
const long = env.TORTURE_WRITES !== undefined;
const writes = (bounded: number): number => (long ? Number(env.TORTURE_WRITES) : bounded);
const only = env.TORTURE_SCENARIO;

const scenarios: Array<Omit<TortureOptions, 'seed'>> = [
  { scenario: 'engine-keep-last-good', target: engineTarget, writes: writes(120) },
  {
    scenario: 'engine-reject-version',
    target: engineTarget,
    writes: writes(80),
    policy: 'reject-version',
  },
  { scenario: 'engine-sliced', target: slicedEngineTarget, writes: writes(80) },
  { scenario: 'nest', target: nestTarget, writes: writes(80) },
];

describe('torture: random kubelet versions against live readers', () => {
  for (const options of scenarios) {
    const run = only === undefined || only === options.scenario ? it : it.skip;
    // Bounded: a few hundred writes in all. Long: room for ~150 ms per write on a loaded 2-core machine.
    run(
      `${options.scenario}: every state seen is a model state, the end is exact, nothing piles up`,
      async () => {
        const report = await runTorture({ ...options, seed });
        console.log(formatTortureReport(report));
        expect(report.violations).toEqual([]);
        expect(report.counts.reloads).toBeGreaterThan(0);
      },
      60_000 + options.writes * 150,
    );
  }
});
