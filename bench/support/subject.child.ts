/**
 * A subject of the propagation and reload benches: a separate process that watches a volume
 * the bench's parent writes (as kubelet is another process than the application) and reports,
 * on its IPC channel, the monotonic time (`process.hrtime`, the same clock in every process of
 * the machine) at which each new value of the watched key reached it.
 *
 * `node subject.child.js <mode> <dir> <keys> <watchKey> [plain]`, mode:
 * - `baseline`: the least a Node program can do — `fs.watch` on the directory, `readlink(..data)`
 *   on every event, and when it moved, synchronous reads of every key of that version, each
 *   parsed by its flag's own parser;
 * - `nest`: a real Nest application context with `DflagModule` and `EventEmitterModule`; reports
 *   the handle's `onChange` (`handle`) and an `@OnEvent('flag.changed')` listener (`bus`);
 * - `nest-json`: the same with JSON flags, reporting each document's `v`;
 * - `engine`: a `ConfigMapEngine` alone, reporting the handle's `onChange`;
 * - `none`: the same process watching nothing (the idle bench's reference);
 * - `timer`: the same with a timer that does nothing every 5 s (what waking up costs here).
 *
 * A fifth argument `polling` watches with `usePolling`, `no-resync` without a periodic check.
 */
import { watch } from 'node:fs';
import type { FSWatcher } from 'node:fs';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { Session } from 'node:inspector';
import { PerformanceObserver } from 'node:perf_hooks';
import 'reflect-metadata';
import { Injectable, Module } from '@nestjs/common';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EventEmitterModule, OnEvent } from '@nestjs/event-emitter';
import { ConfigMapEngine } from '../../lib/configmap/configmap-engine.js';
import { DflagModule, defineFlags, flag, FlagSet } from '../../lib/index.js';
import type { Flag, FlagChangedEvent } from '../../lib/index.js';
import { isOwnJsonParse, libraryTimePerTurn } from './library-turns.util.js';
import { waitedNow } from './schedstat.util.js';
import type { SampledProfile } from './library-turns.util.js';
import type { TickerReport } from './ticker-report.interface.js';

const [mode = 'nest', dir = '', keyCount = '10', watchKey = 'key_0', option] =
  process.argv.slice(2);
const usePolling = option === 'polling';
/** `no-resync`: no periodic check (`resyncInterval: 0`), to tell its cost from the watcher's. */
const resync = option === 'no-resync' ? { resyncInterval: 0 } : {};
const send = (message: unknown): void => void process.send?.(message);
const now = (): number => Number(process.hrtime.bigint());
const seen = (kind: string, value: unknown): void =>
  send({ seen: kind, value: String(value), at: now() });
/**
 * seenLater takes the time now and sends it once the stack has ended: an IPC send costs tens of
 * microseconds, which would otherwise be counted in the `bus` figure that follows the `handle`
 * one (the baseline sends one report per swap). A `then` on a settled promise, queued after the
 * library's own (it queues its bus delivery before the handles hear of the swap), runs after the
 * `bus` listener and costs the path ~1 µs; a `setImmediate` cost it 9-16 µs cold (step marks).
 */
const reported = Promise.resolve();
const seenLater = (kind: string, value: unknown): void => {
  const report = { seen: kind, value: String(value), at: now() };
  void reported.then(() => send(report));
};

const json = mode === 'nest-json';
const flagSet = new FlagSet('bench');
const specs: Record<string, ReturnType<typeof flag.string> | ReturnType<typeof flag.json>> = {};
for (let k = 0; k < Number(keyCount); k++) {
  specs[`key_${k}`] = json
    ? flag.json({ default: {}, description: '', dynamic: true })
    : flag.string({ default: '', description: '', dynamic: true });
}
const flags = defineFlags(specs, flagSet) as Record<string, Flag<unknown>>;
/** shown is what a report names a value by: a JSON document by its `v`. */
const shown = (value: unknown): unknown => (json ? (value as { v?: unknown }).v : value);
const quiet = { log: () => undefined, warn: () => undefined, error: () => undefined };

@Injectable()
class BusListener {
  @OnEvent('flag.changed')
  onChanged(event: FlagChangedEvent): void {
    if (event.name === watchKey) seen('bus', shown(event.current));
  }
}

@Module({
  imports: [
    EventEmitterModule.forRoot(),
    DflagModule.forRoot({ path: dir, flagSet, logger: quiet, usePolling, ...resync }),
  ],
  providers: [BusListener],
})
class BenchModule {}

let app: INestApplicationContext | undefined;
let engine: ConfigMapEngine | undefined;
let fsWatcher: FSWatcher | undefined;

/** The baseline watcher: what a minimal, correct Node program does. */
function startBaseline(): void {
  let current: string | undefined;
  const check = (): void => {
    try {
      const target = readlinkSync(join(dir, '..data'));
      if (target === current) return;
      const version = join(dir, target);
      const values = new Map<string, string>();
      for (const name of readdirSync(version)) {
        if (name.startsWith('.')) continue;
        const bytes = readFileSync(join(version, name));
        // Parsed with the flags' own parsers: the baseline of "reading and parsing a version".
        flagSet.find(name)?.parse(bytes, 'configmap');
        values.set(name, bytes.toString('utf8'));
      }
      current = target;
      seen('baseline', values.get(watchKey)?.trim());
    } catch {
      // caught mid-swap: the next event looks again
    }
  };
  check();
  fsWatcher = watch(dir, { persistent: true }, check);
}

const startedAt = performance.now();
if (mode === 'baseline') startBaseline();
else if (mode === 'nest' || mode === 'nest-json') {
  app = await NestFactory.createApplicationContext(BenchModule, {
    logger: false,
    abortOnError: false,
  });
  await app.init();
  flags[watchKey]?.onChange((change) => seenLater('handle', shown(change.current)));
} else if (mode === 'engine') {
  engine = new ConfigMapEngine({ path: dir, flagSet, logger: quiet, usePolling });
  await engine.start();
  flags[watchKey]?.onChange((change) => seen('handle', change.current));
}
if (mode === 'timer') setInterval(() => undefined, 5000);
const startupMs = performance.now() - startedAt;

// ---- the event-loop ticker: every turn's length, and which turns held a swap ----
// Each turn is timed on the wall clock, in the process's CPU time, and by how long the main
// thread waited for a CPU: on a shared machine a turn is also as long as the time the process
// was not scheduled, which its CPU time leaves out (but the CPU time of the process's other
// threads, the collector's helpers, counts in).
let ticking = false;
let lastTick = 0;
let lastCpu = 0;
let lastWaited = 0;
let gaps: Array<[number, number, number, number]> = [];
/**
 * The garbage collector's pauses while ticking, as [start, end] on the hrtime clock (ns): a
 * turn's length net of the collections in it is the code's own block (a collection's length
 * depends on the whole heap, the application's, and on V8's heuristics, not on the code running).
 */
const collections: Array<[number, number]> = [];
const hrtimeOfPerf = (ms: number): number => now() - (performance.now() - ms) * 1e6;
new PerformanceObserver((list) => {
  if (!ticking) return;
  for (const entry of list.getEntries()) {
    const start = hrtimeOfPerf(entry.startTime);
    collections.push([start, start + entry.duration * 1e6]);
  }
}).observe({ entryTypes: ['gc'] });
/** The reference `JSON.parse` turns taken while ticking ([start, end], hrtime ns), and their results. */
let referenceTurns: Array<readonly [number, number]> = [];
const referenceKept: unknown[] = [];
const swaps: number[] = [];
flagSet.onBatch(() => {
  if (ticking) swaps.push(now());
});
const cpuNow = (): number => {
  const { user, system } = process.cpuUsage();
  return user + system;
};
const tick = (): void => {
  if (!ticking) return;
  const at = now();
  const cpu = cpuNow();
  const waited = waitedNow();
  // Only turns that can matter are kept: millions of short ones would make the GC the subject.
  if (at - lastTick > 200_000)
    gaps.push([lastTick, at, (cpu - lastCpu) / 1000, waited - lastWaited]);
  lastTick = at;
  lastCpu = cpu;
  lastWaited = waited;
  setImmediate(tick);
};

/**
 * tickerReport: the longest turns that held no swap (at most 100) by wall-clock time, and by CPU
 * time; and every turn that held one.
 */
function tickerReport(
  sampled?: number[],
  referenceSampled: number[] = [],
  sampledNetOfParse?: number[],
): TickerReport {
  const others: number[] = [];
  const othersNetOfGc: number[] = [];
  const othersCpu: number[] = [];
  const othersScheduled: number[] = [];
  const othersOwn: number[] = [];
  const othersSampled: number[] = [];
  const othersSampledNetOfParse: number[] = [];
  /** Turns holding the JSON codec's own JSON.parse: that parse's time, and the rest. */
  const parseTurnsParse: number[] = [];
  const parseTurnsBeyond: number[] = [];
  /** Turns without it (nor a swap): the library's time. */
  const nonParseTurnsSampled: number[] = [];
  const judge = (g: number): void => {
    if (!sampled || !sampledNetOfParse) return;
    const total = sampled[g] as number;
    const net = sampledNetOfParse[g] as number;
    if (total - net >= 0.5) {
      parseTurnsParse.push(total - net);
      parseTurnsBeyond.push(net);
    } else nonParseTurnsSampled.push(total);
  };
  const swapTurnsSampled: number[] = [];
  let g = -1;
  const swapTurns: number[] = [];
  const swapTurnsCpu: number[] = [];
  let s = 0;
  let r = 0;
  for (const [from, to, cpuMs, waitedNs] of gaps) {
    g++;
    const ms = (to - from) / 1e6;
    // A turn holding a reference parse: its wall-clock figures are the reference's (reported
    // apart); the library's sampled time in it, if any, is the library's all the same.
    while (r < referenceTurns.length && (referenceTurns[r] as readonly [number, number])[1] < from)
      r++;
    const reference = referenceTurns[r];
    if (reference && reference[0] >= from && reference[1] <= to) {
      if (sampled) othersSampled.push(sampled[g] as number);
      if (sampledNetOfParse) othersSampledNetOfParse.push(sampledNetOfParse[g] as number);
      judge(g);
      continue;
    }
    let held = false;
    while (s < swaps.length && (swaps[s] as number) < to) {
      if ((swaps[s] as number) >= from) held = true;
      s++;
    }
    if (held) {
      swapTurns.push(ms);
      swapTurnsCpu.push(cpuMs);
      if (sampled) swapTurnsSampled.push(sampled[g] as number);
    } else {
      if (sampled) othersSampled.push(sampled[g] as number);
      if (sampledNetOfParse) othersSampledNetOfParse.push(sampledNetOfParse[g] as number);
      judge(g);
      others.push(ms);
      othersCpu.push(cpuMs);
      let paused = 0;
      for (const [start, end] of collections) {
        paused += Math.max(0, Math.min(end, to) - Math.max(start, from));
      }
      othersNetOfGc.push(ms - paused / 1e6);
      othersScheduled.push(ms - waitedNs / 1e6);
      // A collection's pause may hold part of the wait: only the longer of the two is taken off,
      // so that nothing is taken off twice (the figure is at least the code's own block).
      othersOwn.push(ms - Math.max(paused, waitedNs) / 1e6);
    }
  }
  others.sort((a, b) => b - a);
  othersCpu.sort((a, b) => b - a);
  othersNetOfGc.sort((a, b) => b - a);
  othersScheduled.sort((a, b) => b - a);
  othersOwn.sort((a, b) => b - a);
  othersSampled.sort((a, b) => b - a);
  othersSampledNetOfParse.sort((a, b) => b - a);
  return {
    others: others.slice(0, 100),
    othersCpu: othersCpu.slice(0, 100),
    othersNetOfGc: othersNetOfGc.slice(0, 100),
    othersScheduled: othersScheduled.slice(0, 100),
    othersOwn: othersOwn.slice(0, 100),
    othersSampled: othersSampled.slice(0, 100),
    othersSampledNetOfParse: othersSampledNetOfParse.slice(0, 100),
    parseTurnsParse,
    parseTurnsBeyond,
    nonParseTurnsSampled,
    swapTurnsSampled,
    referenceSampled,
    overFive: others.filter((ms) => ms > 5).length,
    overFiveCpu: othersCpu.filter((ms) => ms > 5).length,
    swapTurns,
    swapTurnsCpu,
  };
}

// ---- the library's own time per turn, from V8's sampling profiler (see library-turns.util.ts) ----
const PROFILE_INTERVAL_US = 100;
const libraryRoot = new URL('../../lib/', import.meta.url).href;
const isLibraryUrl = (url: string): boolean =>
  url.startsWith(libraryRoot) || url.includes('/node_modules/chokidar/');
let session: Session | undefined;
const post = (method: string, params?: object): Promise<unknown> =>
  new Promise((resolve, reject) =>
    (session as Session).post(method, params ?? {}, (error, result) =>
      error ? reject(error) : resolve(result),
    ),
  );

/** startProfiler starts V8's sampling profiler in this process. */
async function startProfiler(): Promise<void> {
  session = new Session();
  session.connect();
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: PROFILE_INTERVAL_US });
  await post('Profiler.start');
}

/** stopProfiler stops it and returns what it sampled. */
async function stopProfiler(): Promise<SampledProfile> {
  const { profile } = (await post('Profiler.stop')) as { profile: SampledProfile };
  (session as Session).disconnect();
  session = undefined;
  return profile;
}

/** wakeupsNow is how often the main thread went to sleep and was woken (Linux; 0 elsewhere). */
function wakeupsNow(): number {
  try {
    const status = readFileSync('/proc/thread-self/status', 'utf8');
    return Number(/voluntary_ctxt_switches:\s+(\d+)/.exec(status)?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/** readAndParse is what processing one version costs by itself: read every key, parse every value. */
function readAndParse(): void {
  const version = join(dir, readlinkSync(join(dir, '..data')));
  for (const name of readdirSync(version)) {
    if (name.startsWith('.')) continue;
    const bytes = readFileSync(join(version, name));
    flagSet.find(name)?.parse(bytes, 'configmap');
  }
}

process.on('message', async (message: { cmd: string; repeat?: number; profile?: boolean }) => {
  switch (message.cmd) {
    case 'cpu': {
      const { user, system } = process.cpuUsage();
      send({ cpu: user + system, heap: process.memoryUsage().heapUsed, wakeups: wakeupsNow() });
      break;
    }
    case 'ticker-on':
      if (message.profile) await startProfiler();
      gaps = [];
      referenceTurns = [];
      collections.length = 0;
      swaps.length = 0;
      ticking = true;
      lastTick = now();
      lastCpu = cpuNow();
      lastWaited = waitedNow();
      setImmediate(tick);
      send({ ok: true });
      break;
    case 'ticker-off': {
      ticking = false;
      let sampled: number[] | undefined;
      let referenceSampled: number[] = [];
      let sampledNetOfParse: number[] | undefined;
      if (session) {
        const profile = await stopProfiler();
        const turns = gaps.map(([from, to]) => [from, to] as const);
        sampled = libraryTimePerTurn(profile, turns, isLibraryUrl, PROFILE_INTERVAL_US);
        sampledNetOfParse = libraryTimePerTurn(
          profile,
          turns,
          isLibraryUrl,
          PROFILE_INTERVAL_US,
          isOwnJsonParse,
        );
        const thisFile = import.meta.url;
        referenceSampled = libraryTimePerTurn(
          profile,
          referenceTurns,
          (url) => url === thisFile,
          PROFILE_INTERVAL_US,
        );
      }
      send({ ticker: tickerReport(sampled, referenceSampled, sampledNetOfParse) });
      break;
    }
    case 'json-parse-turn': {
      // One reference parse of the watched key's current text, in a turn of its own, between two
      // of the library's versions while the ticker (and its profiler) runs: the library's parse
      // and the reference take turns, so that the machine's drift hits both alike.
      const text = readFileSync(join(dir, watchKey), 'utf8');
      setImmediate(() => {
        const began = now();
        referenceKept[referenceTurns.length % 2] = JSON.parse(text);
        referenceTurns.push([began, now()]);
        send({ parsed: referenceKept.length });
      });
      break;
    }
    case 'json-parse': {
      // What JSON.parse alone takes on the watched key's current text (the 1 MiB case's bound).
      const text = readFileSync(join(dir, watchKey), 'utf8');
      const times: number[] = [];
      for (let i = 0; i < (message.repeat ?? 21); i++) {
        const began = performance.now();
        JSON.parse(text);
        times.push(performance.now() - began);
      }
      times.sort((a, b) => a - b);
      // The same parse as a program that uses the document does it: each in a turn of its own,
      // its result kept while the next is parsed (the serving value and the new one), so that
      // the collections its objects cause are counted, as they are in the library's parse.
      void (async () => {
        const kept: unknown[] = [];
        const keptTimes: number[] = [];
        for (let i = 0; i < (message.repeat ?? 21); i++) {
          await new Promise((resolve) => setImmediate(resolve));
          const began = performance.now();
          kept[i % 2] = JSON.parse(text);
          keptTimes.push(performance.now() - began);
        }
        keptTimes.sort((a, b) => a - b);
        // And under the sampling profiler, measured as the library's turns are: this file's
        // own sampled time in each parse's turn (the collections out, the profiler's cost in).
        await startProfiler();
        const turns: Array<readonly [number, number]> = [];
        for (let i = 0; i < (message.repeat ?? 21); i++) {
          await new Promise((resolve) => setImmediate(resolve));
          const began = now();
          kept[i % 2] = JSON.parse(text);
          turns.push([began, now()]);
        }
        const profile = await stopProfiler();
        const thisFile = import.meta.url;
        const sampled = libraryTimePerTurn(
          profile,
          turns,
          (url) => url === thisFile,
          PROFILE_INTERVAL_US,
        );
        sampled.sort((a, b) => a - b);
        send({
          jsonParseMs: times[Math.floor(times.length / 2)],
          jsonParseKeptMs: keptTimes[Math.floor(keptTimes.length / 2)],
          jsonParseKeptMaxMs: keptTimes[keptTimes.length - 1],
          jsonParseSampledMs: sampled[Math.floor(sampled.length / 2)],
          jsonParseSampledMaxMs: sampled[sampled.length - 1],
          kept: kept.length,
        });
      })();
      break;
    }
    case 'read-parse': {
      const repeat = message.repeat ?? 100;
      readAndParse();
      const before = process.cpuUsage();
      const began = performance.now();
      for (let i = 0; i < repeat; i++) readAndParse();
      const cpu = process.cpuUsage(before);
      send({
        readParseCpuUs: (cpu.user + cpu.system) / repeat,
        readParseWallMs: (performance.now() - began) / repeat,
      });
      break;
    }
    case 'stop':
      fsWatcher?.close();
      await app?.close();
      await engine?.stop();
      process.disconnect();
      break;
  }
});
send({ ready: true, startupMs });
