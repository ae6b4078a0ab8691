/**
 * Memory over many swaps (`SWAPS=10000` reloads, target: ≤ 1 MiB of growth after GC): heap used (after a full GC) once the engine has
 * warmed up and again after thousands of kubelet swaps. A steady heap means
 * nothing accumulates per version (reports, snapshots, unknown-key records).
 * Run with `node --expose-gc`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigMapEngine } from '../lib/configmap/configmap-engine.js';
import { defineFlags, flag, FlagSet } from '../lib/index.js';
import { writeConfigMapVolume } from '../lib/testing/index.js';
import { printTargets, saveResult } from './support/results.util.js';

const SWAPS = Number(process.env.SWAPS ?? 10_000);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');

const dir = await mkdtemp(join(tmpdir(), 'dflag-bench-mem-'));
const set = new FlagSet('mem');
const flags = defineFlags(
  {
    counter: flag.int({ default: 0, description: '', dynamic: true }),
    policy: flag.json({ default: {}, description: '', dynamic: true }),
  },
  set,
);
const quiet = { log: () => undefined, warn: () => undefined, error: () => undefined };
const engine = new ConfigMapEngine({ path: dir, flagSet: set, resyncInterval: 0, logger: quiet });
const payload = (i: number) => ({
  counter: String(i),
  policy: JSON.stringify({ rate: i % 100, tags: ['a', 'b', String(i)] }),
  [`unknown_${i % 7}`]: 'x', // unknown keys come and go
});
await writeConfigMapVolume(dir, payload(0));
await engine.start();

const swap = async (i: number): Promise<void> => {
  const seen = new Promise<void>((resolve) => {
    const off = flags.counter.onChange(() => {
      off();
      resolve();
    });
  });
  await writeConfigMapVolume(dir, payload(i));
  await seen;
};
const heap = (): number => {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 1024 / 1024;
};

for (let i = 1; i <= 200; i++) await swap(i);
const warm = heap();
for (let i = 201; i <= SWAPS; i++) await swap(i);
const after = heap();
await engine.stop();
await rm(dir, { recursive: true, force: true });
console.log(
  `heap used after GC, ${SWAPS} swaps: ${warm.toFixed(2)} MiB after 200, ${after.toFixed(2)} MiB after ${SWAPS} (${(after - warm >= 0 ? '+' : '') + (after - warm).toFixed(2)} MiB)`,
);
const growth = after - warm;
const targets = [
  {
    name: `heap growth across ${SWAPS} reloads, after GC`,
    figure: `${growth >= 0 ? '+' : ''}${growth.toFixed(2)} MiB (${warm.toFixed(2)} → ${after.toFixed(2)} MiB)`,
    bound: '≤ 1 MiB',
    met: growth <= 1,
  },
];
printTargets(targets);
saveResult({ bench: 'memory', figures: { swaps: SWAPS, warmMiB: warm, afterMiB: after }, targets });
