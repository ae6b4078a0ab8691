/**
 * Reloading big and small ConfigMaps, written by another process (this one) into a volume a
 * Nest application (a subject process) follows:
 * - swap → every handle updated (the last flag's `onChange`: the batch swaps every flag at once)
 *   and → the last `flag.changed` on the bus, over `SWAPS` versions in which every value changes;
 * - the subject's event-loop turns while it reloads (a `setImmediate` ticker): the longest turn
 *   that did not hold the swap is the library's own longest block; the turn holding the one
 *   synchronous swap (and the subscribers it calls) is reported apart;
 * - CPU per processed version (ticker off), against the CPU of reading and parsing that version
 *   by itself: the baseline subject (`fs.watch`, `readlink`, readdir, readFileSync and the flags'
 *   own parsers) following its own volume, the same versions written the same way;
 * - start-up (Nest application context ready, watching) with that many keys.
 * `KEYS=10,1000`, `VALUE_BYTES=1024`, `CPU_RUNS=3` (the CPU figures' runs, subject and baseline in
 * turns: their medians are compared, the spread shown).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeConfigMapVolume } from '../lib/testing/index.js';
import { fmt, quantile, showSpread, spreadOf } from './support/stats.util.js';
import { printTargets, saveResult } from './support/results.util.js';
import type { Target } from './support/results.util.js';
import { nowNs, pause, Subject } from './support/subject.util.js';
import type { TickerReport } from './support/ticker-report.interface.js';

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
  const swaps = Number(process.env.SWAPS ?? (keys >= 1000 ? 25 : 200));
  const root = await mkdtemp(join(tmpdir(), 'dflag-bench-reload-'));
  const dir = join(root, 'vol');
  await writeConfigMapVolume(dir, payload(keys, 0));
  const last = `key_${keys - 1}`;
  const baseDir = join(root, 'baseline');
  await writeConfigMapVolume(baseDir, payload(keys, 0));
  const { subject, startupMs } = await Subject.spawn('nest', dir, keys, last);
  const baseline = (await Subject.spawn('baseline', baseDir, keys, last)).subject;
  let version = 0;
  /** cpuPerVersion: the subject's CPU per version written by `swap`, net of its idle CPU. */
  /** idleRate: the subject's CPU (µs) per ms of wall time while nothing is written. */
  const idleRate = async (who: Subject, ms: number): Promise<number> => {
    const from = (await who.request({ cmd: 'cpu' }, 'cpu')).cpu as number;
    await pause(ms);
    return (((await who.request({ cmd: 'cpu' }, 'cpu')).cpu as number) - from) / ms;
  };
  const cpuPerVersion = async (who: Subject, swap: () => Promise<unknown>): Promise<number> => {
    // What the subject spends doing nothing, before the versions and after them (past a second
    // for the collections and timers that follow the last one): the lower rate is its idle, a
    // higher one held work left over (which would be taken off the versions' CPU).
    const idleFirst = await idleRate(who, 1000);
    const before = (await who.request({ cmd: 'cpu' }, 'cpu')).cpu as number;
    const t0 = performance.now();
    for (let i = 0; i < swaps; i++) await swap();
    const wall = performance.now() - t0;
    const after = (await who.request({ cmd: 'cpu' }, 'cpu')).cpu as number;
    await pause(1000);
    const idle = Math.min(idleFirst, await idleRate(who, 1000));
    return (after - before - idle * wall) / swaps / 1000;
  };
  let baseVersion = 0;
  const baseLatency: number[] = [];
  const baseSwap = async (): Promise<void> => {
    baseVersion++;
    let swappedAt = 0;
    await writeConfigMapVolume(baseDir, payload(keys, baseVersion), {
      onSwap: () => (swappedAt = nowNs()),
    });
    const at = await baseline.seen(['baseline'], `${baseVersion}:${filler}`);
    baseLatency.push(((at.baseline as number) - swappedAt) / 1e6);
    await pause(keys >= 1000 ? 50 : 10);
  };
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
  // NO_TICKER=1 leaves the ticker out (to profile the CPU phase alone).
  const tickerSwaps = process.env.NO_TICKER ? 1 : swaps;
  await subject.request({ cmd: 'ticker-on' }, 'ok');
  for (let i = 0; i < tickerSwaps; i++) {
    const t = await swapOnce();
    handle.push(t.handle);
    bus.push(t.bus);
  }
  const { ticker } = (await subject.request({ cmd: 'ticker-off' }, 'ticker')) as {
    ticker: TickerReport;
  };
  // The same again under V8's sampling profiler: the library's own time in each turn.
  await subject.request({ cmd: 'ticker-on', profile: true }, 'ok');
  for (let i = 0; i < tickerSwaps; i++) await swapOnce();
  const profiled = (
    (await subject.request({ cmd: 'ticker-off' }, 'ticker')) as { ticker: TickerReport }
  ).ticker;

  // CPU per version, without the ticker; the baseline subject reads and parses each version alone.
  await baseSwap();
  // Several runs in turns, compared by their medians: one run's total holds whatever else the
  // machine did meanwhile (a stall of the virtual CPU is charged to the process that ran).
  const cpuRuns: number[] = [];
  const readParseRuns: number[] = [];
  for (let run = 0; run < Number(process.env.CPU_RUNS ?? 3); run++) {
    cpuRuns.push(await cpuPerVersion(subject, swapOnce));
    readParseRuns.push(await cpuPerVersion(baseline, baseSwap));
  }
  const cpuSpread = spreadOf(cpuRuns);
  const readParseSpread = spreadOf(readParseRuns);
  const cpuPerVersionMs = cpuSpread.median;
  const readParseMs = readParseSpread.median;
  const hot = await subject.request(
    { cmd: 'read-parse', repeat: keys >= 1000 ? 20 : 500 },
    'readParseCpuUs',
  );
  const hotReadParseMs = (hot.readParseCpuUs as number) / 1000;
  await subject.stop();
  await baseline.stop();
  await rm(root, { recursive: true, force: true });

  const entry = {
    swaps,
    startupMs,
    handleP50Ms: quantile(handle, 0.5),
    handleMaxMs: Math.max(...handle),
    baselineP50Ms: quantile(baseLatency, 0.5),
    baselineMaxMs: Math.max(...baseLatency),
    busP50Ms: quantile(bus, 0.5),
    busMaxMs: Math.max(...bus),
    longestOtherTurnMs: ticker.others[0] ?? 0,
    otherTurnsOver5Ms: ticker.overFive,
    longestOtherTurnCpuMs: ticker.othersCpu[0] ?? 0,
    longestOtherTurnNetOfGcMs: ticker.othersNetOfGc[0] ?? 0,
    longestOtherTurnScheduledMs: ticker.othersScheduled[0] ?? 0,
    longestOtherTurnOwnMs: ticker.othersOwn[0] ?? 0,
    longestOtherTurnSampledMs: profiled.othersSampled[0] ?? 0,
    swapTurnSampledP50Ms: quantile(profiled.swapTurnsSampled, 0.5),
    swapTurnSampledMaxMs: Math.max(...profiled.swapTurnsSampled),
    otherTurnsOver5MsCpu: ticker.overFiveCpu,
    swapTurnCpuP50Ms: quantile(ticker.swapTurnsCpu, 0.5),
    swapTurnCpuMaxMs: Math.max(...ticker.swapTurnsCpu),
    swapTurnP50Ms: quantile(ticker.swapTurns, 0.5),
    swapTurnMaxMs: Math.max(...ticker.swapTurns),
    cpuPerVersionMs,
    cpuPerVersionRunsMs: cpuSpread,
    readParseCpuMs: readParseMs,
    readParseCpuRunsMs: readParseSpread,
    hotReadParseCpuMs: hotReadParseMs,
    cpuRatio: cpuPerVersionMs / readParseMs,
  };
  figures[`keys${keys}`] = entry;
  console.log(
    `  ${keys} keys: swap → every handle p50 ${fmt(entry.handleP50Ms)} ms, max ${fmt(entry.handleMaxMs)} ms; → last flag.changed p50 ${fmt(entry.busP50Ms)} ms, max ${fmt(entry.busMaxMs)} ms (n=${swaps}); the baseline reads and parses it in p50 ${fmt(entry.baselineP50Ms)} ms, max ${fmt(entry.baselineMaxMs)} ms`,
  );
  console.log(
    `    longest turn without the swap ${fmt(entry.longestOtherTurnMs)} ms wall, ${fmt(entry.longestOtherTurnCpuMs)} ms CPU, ${fmt(entry.longestOtherTurnNetOfGcMs)} ms net of the collections in it, ${fmt(entry.longestOtherTurnScheduledMs)} ms net of the time it waited for a CPU, ${fmt(entry.longestOtherTurnOwnMs)} ms net of both (over 5 ms: ${entry.otherTurnsOver5Ms} turns wall, ${entry.otherTurnsOver5MsCpu} CPU); the swap's turn p50 ${fmt(entry.swapTurnP50Ms)} ms wall / ${fmt(entry.swapTurnCpuP50Ms)} ms CPU, max ${fmt(entry.swapTurnMaxMs)} / ${fmt(entry.swapTurnCpuMaxMs)} ms`,
  );
  console.log(
    `    CPU per version ${showSpread(cpuSpread, ' ms')} vs a minimal watcher reading and parsing it ${showSpread(readParseSpread, ' ms')} (median (min–max) of ${cpuSpread.runs} runs) = ${fmt(entry.cpuRatio)}× (re-reading a version already cached: ${fmt(hotReadParseMs)} ms); start-up ${fmt(startupMs)} ms`,
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
        figure: `${fmt(entry.handleP50Ms)} ms (baseline ${fmt(entry.baselineP50Ms)} ms)`,
        bound: '≤ 20 ms',
        met: entry.handleP50Ms <= 20,
      },
      {
        name: `swap → every handle worst, ${keys} keys`,
        figure: `${fmt(entry.handleMaxMs)} ms (baseline ${fmt(entry.baselineMaxMs)} ms)`,
        bound: '≤ 40 ms',
        met: entry.handleMaxMs <= 40,
      },
      {
        name: `library's longest event-loop block, ${keys} keys`,
        figure: `${fmt(entry.longestOtherTurnSampledMs)} ms of the library's own code, sampled (the ticker's wall clock net of the garbage collector's pauses and the waits for a CPU: ${fmt(entry.longestOtherTurnOwnMs)}; net of the pauses alone ${fmt(entry.longestOtherTurnNetOfGcMs)}, of the waits alone ${fmt(entry.longestOtherTurnScheduledMs)}; wall ${fmt(entry.longestOtherTurnMs)} ms, CPU ${fmt(entry.longestOtherTurnCpuMs)} ms; swap turn apart: max ${fmt(entry.swapTurnMaxMs)} ms wall, ${fmt(entry.swapTurnCpuMaxMs)} ms CPU, library sampled p50 ${fmt(entry.swapTurnSampledP50Ms)} / max ${fmt(entry.swapTurnSampledMaxMs)} ms)`,
        bound: '≤ 5 ms',
        met: entry.longestOtherTurnSampledMs <= 5,
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
