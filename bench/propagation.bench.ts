/**
 * Propagation as a user sees it: from kubelet's `rename(..data_tmp, ..data)` — made by the
 * project's kubelet-faithful writer in this process — to the code that reacts in another process:
 * an `@OnEvent('flag.changed')` listener of a real Nest application (`bus`), the flag handle's
 * `onChange` in the same application (`handle`), and, measured in the same run, a minimal Node
 * watcher (`baseline`: `fs.watch` on the directory, `readlink(..data)`, synchronous reads).
 * Subjects take turns in rounds, so that load drifts on a shared machine hit both alike.
 * `SWAPS=500` per configuration (with and without kubelet's fsGroup walk), `KEYS=10`, after
 * `WARMUP=20` swaps per subject that are reported apart (its first after start-up).
 *
 * `COMPARE_WITH=<another build's dist-bench>` adds that build's Nest subject to the same rounds
 * (`handle-b`, `bus-b`): two builds side by side, which separate runs cannot compare (the same
 * code's p50 moves more between runs than most changes move it).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { writeConfigMapVolume } from '../lib/testing/index.js';
import { fmt, quantile, showSpread, spreadOf } from './support/stats.util.js';
import type { Spread } from './support/stats.util.js';
import { printTargets, saveResult } from './support/results.util.js';
import type { Target } from './support/results.util.js';
import { nowNs, pause, Subject } from './support/subject.util.js';

const SWAPS = Number(process.env.SWAPS ?? 500);
const ROUNDS = Number(process.env.ROUNDS ?? 5);
const KEYS = Number(process.env.KEYS ?? 10);
const GAP_MS = Number(process.env.GAP_MS ?? 10);
/**
 * Swaps each subject takes before the measured rounds: its first swaps after start-up, when V8
 * still compiles each function of the path on its first call. Not in the figures; shown apart.
 */
const WARMUP = Number(process.env.WARMUP ?? 20);
const P50_BOUND = 1.3;
const P99_BOUND = 1.5;
const COMPARE_WITH = process.env.COMPARE_WITH;
const KINDS = ['baseline', 'handle', 'bus', ...(COMPARE_WITH ? ['handle-b', 'bus-b'] : [])];

const payload = (i: number): Record<string, string> => {
  const out: Record<string, string> = {};
  for (let k = 0; k < KEYS; k++) out[`key_${k}`] = k === 0 ? String(i) : `value ${k}`;
  return out;
};

interface Run {
  readonly samples: Record<string, number[]>;
  /** Each kind's warm-up swaps, in order. */
  readonly warmup: Record<string, number[]>;
  readonly perRound: Record<string, Array<{ p50: number; p99: number }>>;
}

async function configuration(fsGroup: boolean): Promise<Run> {
  const root = await mkdtemp(join(tmpdir(), 'dflag-bench-prop-'));
  const dirs = {
    baseline: join(root, 'baseline'),
    nest: join(root, 'nest'),
    other: join(root, 'other'),
  };
  await writeConfigMapVolume(dirs.baseline, payload(0));
  await writeConfigMapVolume(dirs.nest, payload(0));
  const baseline = (await Subject.spawn('baseline', dirs.baseline, KEYS, 'key_0')).subject;
  const nest = (await Subject.spawn('nest', dirs.nest, KEYS, 'key_0')).subject;
  const subjects = [
    { subject: baseline, dir: dirs.baseline, kinds: ['baseline'], as: ['baseline'] },
    { subject: nest, dir: dirs.nest, kinds: ['handle', 'bus'], as: ['handle', 'bus'] },
  ];
  if (COMPARE_WITH) {
    await writeConfigMapVolume(dirs.other, payload(0));
    const child = resolve(COMPARE_WITH, 'bench/support/subject.child.js');
    const other = (await Subject.spawn('nest', dirs.other, KEYS, 'key_0', [], child)).subject;
    subjects.push({
      subject: other,
      dir: dirs.other,
      kinds: ['handle', 'bus'],
      as: ['handle-b', 'bus-b'],
    });
  }
  const samples: Record<string, number[]> = Object.fromEntries(KINDS.map((k) => [k, []]));
  const warmup: Record<string, number[]> = Object.fromEntries(KINDS.map((k) => [k, []]));
  const perRound: Run['perRound'] = Object.fromEntries(KINDS.map((k) => [k, []]));
  let version = 0;
  /** swapOnce writes one version and returns, per kind, the ms from the `rename` to its report. */
  const swapOnce = async (
    subject: Subject,
    dir: string,
    kinds: readonly string[],
  ): Promise<number[]> => {
    version++;
    let swappedAt = 0;
    await writeConfigMapVolume(dir, payload(version), {
      fsGroup,
      onSwap: () => (swappedAt = nowNs()),
    });
    const at = await subject.seen(kinds, String(version));
    await pause(GAP_MS);
    return kinds.map((kind) => ((at[kind] as number) - swappedAt) / 1e6);
  };
  for (const { subject, dir, kinds, as } of subjects) {
    for (let i = 0; i < WARMUP; i++) {
      const ms = await swapOnce(subject, dir, kinds);
      as.forEach((label, k) => warmup[label]?.push(ms[k] as number));
    }
  }
  const perSubject = Math.ceil(SWAPS / ROUNDS);
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? subjects : [...subjects].reverse();
    for (const { subject, dir, kinds, as } of order) {
      const roundSamples: Record<string, number[]> = Object.fromEntries(as.map((k) => [k, []]));
      for (let i = 0; i < perSubject; i++) {
        const ms = await swapOnce(subject, dir, kinds);
        as.forEach((label, k) => {
          samples[label]?.push(ms[k] as number);
          roundSamples[label]?.push(ms[k] as number);
        });
      }
      for (const kind of as) {
        const s = roundSamples[kind] as number[];
        perRound[kind]?.push({ p50: quantile(s, 0.5), p99: quantile(s, 0.99) });
      }
    }
  }
  await Promise.all(subjects.map(({ subject }) => subject.stop()));
  await rm(root, { recursive: true, force: true });
  return { samples, warmup, perRound };
}

/** warmupOf sums up a subject's warm-up swaps. */
const warmupOf = (
  s: readonly number[],
): { swaps: number; firstMs: number; p50Ms: number; maxMs: number } => ({
  swaps: s.length,
  firstMs: s[0] ?? Number.NaN,
  p50Ms: s.length > 0 ? quantile(s, 0.5) : Number.NaN,
  maxMs: s.length > 0 ? Math.max(...s) : Number.NaN,
});

const figures: Record<string, unknown> = {};
const targets: Target[] = [];
console.log(`propagation: kubelet rename → listener in another process (${KEYS} keys)`);
for (const fsGroup of [false, true]) {
  const label = fsGroup ? 'with fsGroup' : 'without fsGroup';
  const run = await configuration(fsGroup);
  const base = run.samples.baseline as number[];
  const entry: Record<string, unknown> = {};
  for (const kind of KINDS) {
    const s = run.samples[kind] as number[];
    const rounds = run.perRound[kind] ?? [];
    const p50 = spreadOf(rounds.map((r) => r.p50));
    const p99 = spreadOf(rounds.map((r) => r.p99));
    const ratio50 = quantile(s, 0.5) / quantile(base, 0.5);
    const ratio99 = quantile(s, 0.99) / quantile(base, 0.99);
    const roundRatio50: Spread = spreadOf(
      rounds.map((r, i) => r.p50 / (run.perRound.baseline?.[i]?.p50 ?? Number.NaN)),
    );
    entry[kind] = {
      swaps: s.length,
      p50Ms: quantile(s, 0.5),
      p99Ms: quantile(s, 0.99),
      maxMs: Math.max(...s),
      p50PerRound: p50,
      p99PerRound: p99,
      ratioP50: ratio50,
      ratioP99: ratio99,
      ratioP50PerRound: roundRatio50,
      warmup: warmupOf(run.warmup[kind] ?? []),
    };
    console.log(
      `  ${label}, ${kind.padEnd(8)} p50 ${fmt(quantile(s, 0.5))} ms  p99 ${fmt(quantile(s, 0.99))} ms  max ${fmt(Math.max(...s))} ms  (n=${s.length}; per round p50 ${showSpread(p50)}, p99 ${showSpread(p99)})` +
        (kind === 'baseline' ? '' : `  = ${fmt(ratio50)}× / ${fmt(ratio99)}× the baseline`),
    );
    const w = warmupOf(run.warmup[kind] ?? []);
    if (w.swaps > 0)
      console.log(
        `    its ${w.swaps} warm-up swaps (first after start-up, not counted above): first ${fmt(w.firstMs)} ms, p50 ${fmt(w.p50Ms)} ms, max ${fmt(w.maxMs)} ms`,
      );
    if (kind === 'handle' || kind === 'bus') {
      const what = kind === 'bus' ? '@OnEvent(flag.changed)' : 'handle onChange';
      targets.push(
        {
          name: `propagation to ${what} p50, ${label}`,
          figure: `${fmt(ratio50)}× baseline (${fmt(quantile(s, 0.5))} vs ${fmt(quantile(base, 0.5))} ms)`,
          bound: `≤ ${P50_BOUND}×`,
          met: kind === 'bus' ? ratio50 <= P50_BOUND : 'measured',
        },
        {
          name: `propagation to ${what} p99, ${label}`,
          figure: `${fmt(ratio99)}× baseline (${fmt(quantile(s, 0.99))} vs ${fmt(quantile(base, 0.99))} ms)`,
          bound: `≤ ${P99_BOUND}×`,
          met: kind === 'bus' ? ratio99 <= P99_BOUND : 'measured',
        },
      );
    }
  }
  figures[fsGroup ? 'fsGroup' : 'plain'] = entry;
}
printTargets(targets);
saveResult({
  bench: 'propagation',
  figures: { keys: KEYS, gapMs: GAP_MS, warmupSwaps: WARMUP, ...figures },
  targets,
});
