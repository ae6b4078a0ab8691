/**
 * Reloading big and small ConfigMaps, written by another process (this one) into a volume a
 * Nest application (a subject process) follows:
 * - swap → every handle updated (the last flag's `onChange`: the batch swaps every flag at once)
 *   and → the last `flag.changed` on the bus, over `SWAPS` versions in which every value changes;
 * - the subject's event-loop turns while it reloads (a `setImmediate` ticker): the longest turn
 *   that did not hold the swap is the library's own longest block; the turn holding the one
 *   synchronous swap (and the subscribers it calls) is reported apart;
 * - CPU per processed version (ticker off), against the CPU of reading and parsing that version
 *   by itself (readdir, readFileSync and the flags' own parsers, in the same process);
 * - start-up (Nest application context ready, watching) with that many keys.
 * `KEYS=10,1000`, `VALUE_BYTES=1024`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeConfigMapVolume } from '../lib/testing/index.js';
import { fmt, quantile } from './support/stats.util.js';
import { printTargets, saveResult } from './support/results.util.js';
import type { Target } from './support/results.util.js';
import { nowNs, pause, Subject } from './support/subject.util.js';

const KEY_COUNTS = (process.env.KEYS ?? '10,1000').split(',').map(Number);
const VALUE_BYTES = Number(process.env.VALUE_BYTES ?? 1024);
const filler = 'x'.repeat(VALUE_BYTES);

const payload = (keys: number, i: number): Record<string, string> => {
  const out: Record<string, string> = {};
  for (let k = 0; k < keys; k++) out[`key_${k}`] = `${i}:${filler}`;
  return out;
};

const figures: Record<string, unknown> = {};
const targets: Target[] = [];
console.log(`reload: every value of a ${VALUE_BYTES}-byte-per-key ConfigMap changes`);
for (const keys of KEY_COUNTS) {
  const swaps = Number(process.env.SWAPS ?? (keys >= 1000 ? 60 : 200));
  const root = await mkdtemp(join(tmpdir(), 'dflag-bench-reload-'));
  const dir = join(root, 'vol');
  await writeConfigMapVolume(dir, payload(keys, 0));
  const last = `key_${keys - 1}`;
  const { subject, startupMs } = await Subject.spawn('nest', dir, keys, last);
  let version = 0;
  const swapOnce = async (): Promise<{ handle: number; bus: number }> => {
    version++;
    let swappedAt = 0;
    await writeConfigMapVolume(dir, payload(keys, version), {
      onSwap: () => (swappedAt = nowNs()),
    });
    const at = await subject.seen(['handle', 'bus'], `${version}:${filler}`);
    await pause(keys >= 1000 ? 50 : 10);
    return {
      handle: ((at.handle as number) - swappedAt) / 1e6,
      bus: ((at.bus as number) - swappedAt) / 1e6,
    };
  };
  await swapOnce(); // warm-up

  // Latency and event-loop turns.
  const handle: number[] = [];
  const bus: number[] = [];
  await subject.request({ cmd: 'ticker-on' }, 'ok');
  for (let i = 0; i < swaps; i++) {
    const t = await swapOnce();
    handle.push(t.handle);
    bus.push(t.bus);
  }
  const { ticker } = (await subject.request({ cmd: 'ticker-off' }, 'ticker')) as {
    ticker: { others: number[]; overFive: number; swapTurns: number[] };
  };

  // CPU per version, without the ticker.
  const before = (await subject.request({ cmd: 'cpu' }, 'cpu')).cpu as number;
  const t0 = performance.now();
  for (let i = 0; i < swaps; i++) await swapOnce();
  const wall = performance.now() - t0;
  const after = (await subject.request({ cmd: 'cpu' }, 'cpu')).cpu as number;
  // The subject's idle cost over the same wall time is not the version's: measured, subtracted.
  const idleBefore = (await subject.request({ cmd: 'cpu' }, 'cpu')).cpu as number;
  await pause(Math.min(wall, 5000));
  const idleAfter = (await subject.request({ cmd: 'cpu' }, 'cpu')).cpu as number;
  const idlePerMs = (idleAfter - idleBefore) / Math.min(wall, 5000);
  const cpuPerVersionMs = (after - before - idlePerMs * wall) / swaps / 1000;
  const readParse = await subject.request(
    { cmd: 'read-parse', repeat: keys >= 1000 ? 20 : 500 },
    'readParseCpuUs',
  );
  const readParseMs = (readParse.readParseCpuUs as number) / 1000;
  await subject.stop();
  await rm(root, { recursive: true, force: true });

  const entry = {
    swaps,
    startupMs,
    handleP50Ms: quantile(handle, 0.5),
    handleMaxMs: Math.max(...handle),
    busP50Ms: quantile(bus, 0.5),
    busMaxMs: Math.max(...bus),
    longestOtherTurnMs: ticker.others[0] ?? 0,
    otherTurnsOver5Ms: ticker.overFive,
    swapTurnP50Ms: quantile(ticker.swapTurns, 0.5),
    swapTurnMaxMs: Math.max(...ticker.swapTurns),
    cpuPerVersionMs,
    readParseCpuMs: readParseMs,
    cpuRatio: cpuPerVersionMs / readParseMs,
  };
  figures[`keys${keys}`] = entry;
  console.log(
    `  ${keys} keys: swap → every handle p50 ${fmt(entry.handleP50Ms)} ms, max ${fmt(entry.handleMaxMs)} ms; → last flag.changed p50 ${fmt(entry.busP50Ms)} ms, max ${fmt(entry.busMaxMs)} ms (n=${swaps})`,
  );
  console.log(
    `    longest turn without the swap ${fmt(entry.longestOtherTurnMs)} ms (${entry.otherTurnsOver5Ms} turns over 5 ms); the swap's turn p50 ${fmt(entry.swapTurnP50Ms)} ms, max ${fmt(entry.swapTurnMaxMs)} ms`,
  );
  console.log(
    `    CPU per version ${fmt(cpuPerVersionMs)} ms vs reading and parsing it alone ${fmt(readParseMs)} ms = ${fmt(entry.cpuRatio)}×; start-up ${fmt(startupMs)} ms`,
  );
  targets.push({
    name: `CPU per version, ${keys} keys`,
    figure: `${fmt(entry.cpuRatio)}× read+parse (${fmt(cpuPerVersionMs)} vs ${fmt(readParseMs)} ms)`,
    bound: '≤ 2×',
    met: entry.cpuRatio <= 2,
  });
  if (keys >= 1000) {
    targets.push(
      {
        name: `swap → every handle p50, ${keys} keys`,
        figure: `${fmt(entry.handleP50Ms)} ms`,
        bound: '≤ 20 ms',
        met: entry.handleP50Ms <= 20,
      },
      {
        name: `swap → every handle worst, ${keys} keys`,
        figure: `${fmt(entry.handleMaxMs)} ms`,
        bound: '≤ 40 ms',
        met: entry.handleMaxMs <= 40,
      },
      {
        name: `library's longest event-loop block, ${keys} keys`,
        figure: `${fmt(entry.longestOtherTurnMs)} ms (swap turn apart: max ${fmt(entry.swapTurnMaxMs)} ms)`,
        bound: '≤ 5 ms',
        met: entry.longestOtherTurnMs <= 5,
      },
      {
        name: `start-up, ${keys} keys`,
        figure: `${fmt(startupMs)} ms`,
        bound: 'measured',
        met: 'measured',
      },
    );
  }
}
printTargets(targets);
saveResult({ bench: 'reload', figures: { valueBytes: VALUE_BYTES, ...figures }, targets });
