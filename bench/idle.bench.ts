/**
 * Idle cost: the CPU a watching application uses while nothing changes, net of the same
 * process with nothing watching, as a share of one core. Every case is a subject process, all
 * measured over the same window: kubelet's layout with 10 and 1 000 keys, a plain directory of
 * 1 000 files, and `usePolling` on kubelet's layout with 1 000 keys; beside them, to tell where
 * the CPU goes, kubelet's layout with 10 keys and no periodic check (`resyncInterval: 0`), and the
 * reference process with a timer doing nothing every 5 s (what waking a process up costs on this
 * machine: the periodic check wakes it every `resyncInterval`, 5 s by default). Each case's
 * wake-ups (the main thread's voluntary context switches) are counted too. The window starts
 * `IDLE_SETTLE_MS=10000` after start-up, once the collections that follow it are done.
 * `IDLE_MS=20000`.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeConfigMapVolume } from '../lib/testing/index.js';
import { fmt } from './support/stats.util.js';
import { printTargets, saveResult } from './support/results.util.js';
import type { Target } from './support/results.util.js';
import { pause, Subject } from './support/subject.util.js';

const IDLE_MS = Number(process.env.IDLE_MS ?? 20_000);
const IDLE_SETTLE_MS = Number(process.env.IDLE_SETTLE_MS ?? 10_000);
const root = await mkdtemp(join(tmpdir(), 'dflag-bench-idle-'));
const kubelet = async (name: string, keys: number): Promise<string> => {
  const dir = join(root, name);
  const payload: Record<string, string> = {};
  for (let k = 0; k < keys; k++) payload[`key_${k}`] = 'x'.repeat(1024);
  await writeConfigMapVolume(dir, payload);
  return dir;
};
const plain = join(root, 'plain-1000');
await mkdir(plain);
for (let k = 0; k < 1000; k++) await writeFile(join(plain, `key_${k}`), 'x'.repeat(1024));

const cases: Array<{ name: string; mode: string; dir: string; keys: number; extra?: string[] }> = [
  { name: 'nothing watching', mode: 'none', dir: root, keys: 1000 },
  { name: 'kubelet, 10 keys', mode: 'nest', dir: await kubelet('k10', 10), keys: 10 },
  { name: 'kubelet, 1000 keys', mode: 'nest', dir: await kubelet('k1000', 1000), keys: 1000 },
  { name: 'plain directory, 1000 files', mode: 'nest', dir: plain, keys: 1000 },
  {
    name: 'kubelet, 1000 keys, usePolling',
    mode: 'nest',
    dir: await kubelet('k1000p', 1000),
    keys: 1000,
    extra: ['polling'],
  },
  {
    name: 'kubelet, 10 keys, no periodic check',
    mode: 'nest',
    dir: await kubelet('k10n', 10),
    keys: 10,
    extra: ['no-resync'],
  },
  { name: 'a timer every 5 s, nothing else', mode: 'timer', dir: root, keys: 1000 },
];
const subjects = await Promise.all(
  cases.map(async (c) => (await Subject.spawn(c.mode, c.dir, c.keys, 'key_0', c.extra)).subject),
);
await pause(IDLE_SETTLE_MS); // start-up settles (chokidar's ready, the collections after start-up)
const cpu = async (): Promise<Array<{ cpu: number; wakeups: number }>> =>
  Promise.all(
    subjects.map(async (s) => {
      const m = await s.request({ cmd: 'cpu' }, 'cpu');
      return { cpu: m.cpu as number, wakeups: m.wakeups as number };
    }),
  );
const before = await cpu();
const began = performance.now();
await pause(IDLE_MS);
const after = await cpu();
const wall = performance.now() - began;
await Promise.all(subjects.map((s) => s.stop()));
await rm(root, { recursive: true, force: true });

const share = after.map((a, i) => (a.cpu - (before[i]?.cpu ?? 0)) / 1000 / wall); // of one core
// The `cpu` request wakes every subject once, the same for all.
const wakeups = after.map((a, i) => a.wakeups - (before[i]?.wakeups ?? 0) - 1);
const none = share[0] as number;
const figures: Record<string, number> = {};
const targets: Target[] = [];
console.log(
  `idle, ${(wall / 1000).toFixed(1)} s: CPU as a share of one core, net of nothing watching`,
);
cases.forEach((c, i) => {
  const net = (share[i] as number) - (i === 0 ? 0 : none);
  figures[c.name] = net * 100;
  figures[`${c.name}, wake-ups`] = wakeups[i] as number;
  console.log(
    `  ${c.name.padEnd(36)} ${fmt(net * 100)} %${i === 0 ? ' (gross)' : ''}, ${wakeups[i]} wake-ups`,
  );
  if (i === 0) return;
  const bounded = c.name.startsWith('kubelet') && !c.extra;
  if (c.mode === 'timer') return;
  targets.push({
    name: `idle CPU, ${c.name}`,
    figure: `${fmt(net * 100)} % of one core`,
    bound: bounded ? '< 0.1 %' : 'measured',
    met: bounded ? net * 100 < 0.1 : 'measured',
  });
});
printTargets(targets);
saveResult({ bench: 'idle', figures: { windowMs: wall, ...figures }, targets });
