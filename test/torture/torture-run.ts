import { readlinkSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { InvalidValuePolicy } from '../../lib/configmap/configmap-options.interface.js';
import type { DflagLogger } from '../../lib/configmap/dflag-logger.interface.js';
import { DATA_DIR_NAME } from '../../lib/testing/index.js';
import { eventually } from '../utils/eventually.js';
import { makeTempDir, removeTempDir } from '../utils/temp-dir.js';
import { KubeletProcess } from './kubelet-process.js';
import { PolicyModel } from './policy-model.js';
import type { ResourceSample } from './resource-probe.js';
import { ResourceProbe } from './resource-probe.js';
import { SeededRandom } from './seeded-random.js';
import type { TortureCounts } from './torture-checker.js';
import { TortureChecker } from './torture-checker.js';
import { declareTortureFlags, TORTURE_FLAGS } from './torture-flags.js';
import type { TortureTargetFactory } from './torture-target.interface.js';
import type { PlannedVersion } from './version-generator.js';
import { VersionGenerator } from './version-generator.js';

/** TortureOptions chooses one run. */
export interface TortureOptions {
  /** A name for the printed figures. */
  readonly scenario: string;
  /** Builds what is driven (the bare engine, a Nest application). */
  readonly target: TortureTargetFactory;
  /** Random versions to write (checkpoints come on top). */
  readonly writes: number;
  readonly seed: number;
  /** @default 'keep-last-good' */
  readonly policy?: InvalidValuePolicy;
  /** @default 250 */
  readonly resyncInterval?: number;
  /** How much the heap may grow between the first checkpoint and the end. @default 16 */
  readonly heapSlackMiB?: number;
  /** How long to wait for a checkpoint version to be processed. @default 15000 */
  readonly convergeTimeoutMs?: number;
}

/** TortureReport is what a run observed. */
export interface TortureReport {
  readonly scenario: string;
  readonly seed: number;
  readonly policy: InvalidValuePolicy;
  readonly counts: TortureCounts;
  readonly violations: readonly string[];
  readonly violationTotal: number;
  /** Readings at the first checkpoint (after warm-up), at their highest, and at the end. */
  readonly resources: {
    readonly baseline: ResourceSample;
    readonly highest: Omit<ResourceSample, 'heapMiB'>;
    readonly end: ResourceSample;
    /** Heap after a full GC at each checkpoint, in MiB. */
    readonly heapMiB: readonly number[];
  };
  readonly durationMs: number;
}

/** How much each count may exceed its first-checkpoint reading at a later one (transient handles). */
const SLACK = { fds: 4, watchers: 2, timers: 4, listeners: 0 } as const;
/** How long the reader samples on every turn of the event loop, then rests (ms). */
const READER_SPIN_MS = 2;
const READER_REST_MS = 1;
/** One write in ten starts a burst: 2 to 20 writes back-to-back. */
const P_BURST = 0.1;
/** Half the bursts land while the application's event loop is blocked for 1 to 20 ms. */
const P_BUSY = 0.5;
const BLOCKER = new Int32Array(new SharedArrayBuffer(4));

/**
 * runTorture writes thousands of random versions with the project's
 * kubelet-faithful writer into a real directory watched by a real target,
 * while a reader samples the flags between tasks, and judges everything
 * against the policy model (see {@link TortureChecker}). Every
 * `writes / 10` writes (at least every 25) comes a checkpoint: a full valid
 * version the run waits for, where descriptors, watchers, timers, listeners
 * and the heap after a full GC are read. The run
 * ends on a final checkpoint whose state must be exact, and after
 * `stop()` nothing the target opened may remain.
 */
export async function runTorture(options: TortureOptions): Promise<TortureReport> {
  const began = performance.now();
  const policy = options.policy ?? 'keep-last-good';
  const heapSlack = options.heapSlackMiB ?? 16;
  const convergeTimeout = options.convergeTimeoutMs ?? 15_000;
  const root = await makeTempDir('dflag-torture-');
  const dir = join(root, 'volume');
  await mkdir(join(root, 'writer'));
  const rng = new SeededRandom(options.seed);
  const generator = new VersionGenerator(rng, TORTURE_FLAGS);
  const { flagSet } = declareTortureFlags(`torture-${options.scenario}`);
  const handles = TORTURE_FLAGS.map((f) => flagSet.get(f.name));

  const versions = new Map<number, PlannedVersion>();
  let firstName: string | undefined;
  let announce = (_version: PlannedVersion, name: string): void => {
    firstName = name;
  };
  const kubelet = await KubeletProcess.start(join(root, 'writer'), dir, (index, name) => {
    const version = versions.get(index) as PlannedVersion;
    versions.delete(index);
    announce(version, name);
  });
  let wrote = (_version: PlannedVersion, _swapped: boolean): void => undefined;
  /** write hands a version to the kubelet process; resolves once it is written. */
  const write = async (version: PlannedVersion): Promise<void> => {
    versions.set(version.index, version);
    const swapped = await kubelet.write(version);
    if (!swapped) versions.delete(version.index);
    wrote(version, swapped);
  };

  const first = generator.full(0, 'start');
  await write(first);
  const checker = new TortureChecker(
    new PolicyModel(TORTURE_FLAGS, policy),
    TORTURE_FLAGS,
    handles,
    first,
    firstName as string,
  );
  announce = (version, name) => checker.swapping(version, name);
  wrote = (version, swapped) => checker.wrote(version, swapped);
  const logger: DflagLogger = {
    log: (m) => checker.logged(m),
    warn: (m) => checker.logged(m),
    error: (m) => checker.logged(m),
  };
  // Created first, so that it tracks every watcher and timer the target opens.
  const probe = new ResourceProbe(() => target.listeners());
  const target = options.target({
    dir,
    flagSet,
    policy,
    checker,
    logger,
    resyncInterval: options.resyncInterval ?? 250,
  });

  let reading = true;
  let stopped = false;
  let spinUntil = 0;
  /**
   * The reader samples on every turn of the event loop (setImmediate) for
   * {@link READER_SPIN_MS}, then rests {@link READER_REST_MS}: spinning
   * without rest would take a whole core from the writer on a loaded
   * machine.
   */
  const reader = (): void => {
    if (!reading) return;
    checker.sample('between tasks');
    const now = performance.now();
    if (now < spinUntil) setImmediate(reader);
    else {
      spinUntil = now + READER_REST_MS + READER_SPIN_MS;
      setTimeout(reader, READER_REST_MS);
    }
  };

  let baseline: ResourceSample | undefined;
  let highest = { fds: 0, watchers: 0, timers: 0, listeners: 0 };
  let index = 0;
  /** checkpoint writes a full valid version, waits until it is processed, and reads resources. */
  const heapSeries: number[] = [];
  const checkpoint = async (label: string): Promise<ResourceSample> => {
    const version = generator.full(++index, label);
    await write(version);
    checker.counts.checkpoints += 1;
    try {
      await eventually(
        () => {
          if (checker.latestVersion !== readlinkSync(join(dir, DATA_DIR_NAME))) {
            throw new Error('not processed yet');
          }
        },
        { timeout: convergeTimeout },
      );
    } catch {
      checker.violation(
        `checkpoint "${label}" (write #${version.index}) was not processed within ${convergeTimeout} ms (last processed: generation ${checker.latestGeneration})`,
      );
    }
    const limits = baseline;
    let current: ResourceSample | undefined;
    try {
      // In-flight handles (chokidar stats new entries after a swap) settle quickly.
      await eventually(
        async () => {
          current = await probe.sample(false);
          if (!limits) return;
          for (const key of Object.keys(SLACK) as Array<keyof typeof SLACK>) {
            if (current[key] > limits[key] + SLACK[key]) throw new Error(key);
          }
        },
        { timeout: 2000, interval: 20 },
      );
    } catch (error) {
      const key = (error as Error).message as keyof typeof SLACK;
      checker.violation(
        `at checkpoint "${label}" ${key} grew from ${limits?.[key]} to ${current?.[key]} (${probe.where().length} watchers and timers live)`,
      );
    }
    const sample = await probe.sample(true);
    heapSeries.push(sample.heapMiB);
    highest = {
      fds: Math.max(highest.fds, sample.fds),
      watchers: Math.max(highest.watchers, sample.watchers),
      timers: Math.max(highest.timers, sample.timers),
      listeners: Math.max(highest.listeners, sample.listeners),
    };
    return sample;
  };

  try {
    await target.start();
    setImmediate(reader);
    const every = Math.max(25, Math.floor(options.writes / 10));
    let done = 0;
    while (done < options.writes) {
      const chunkEnd = Math.min(done + every, options.writes);
      while (done < chunkEnd) {
        const burst = rng.chance(P_BURST) ? Math.min(rng.int(2, 20), chunkEnd - done) : 1;
        const writes: Array<Promise<void>> = [];
        for (let i = 0; i < burst; i++) writes.push(write(generator.random(++index)));
        if (burst > 1) {
          checker.counts.bursts += 1;
          // A busy application: its event loop blocked while kubelet goes on swapping.
          if (rng.chance(P_BUSY)) {
            checker.counts.busyPhases += 1;
            Atomics.wait(BLOCKER, 0, 0, rng.int(1, 20));
          }
        }
        await Promise.all(writes);
        done += burst;
        // A pause of a few turns of the event loop, or a few milliseconds: part of the workload.
        if (rng.chance(0.5)) {
          for (let i = rng.int(0, 3); i > 0; i--) await new Promise((r) => setImmediate(r));
        } else await sleep(rng.int(0, 3));
      }
      if (done < options.writes) {
        const sample = await checkpoint(`checkpoint-${checker.counts.checkpoints + 1}`);
        baseline ??= sample;
      }
    }
    const end = await checkpoint('final');
    baseline ??= end;
    reading = false;
    const live = checker.liveKey();
    if (live !== checker.expected.key) {
      checker.violation("the final state is not the final version's");
    }
    const status = target.status();
    if (status.lastResult !== 'applied' || status.errors.length > 0) {
      checker.violation(
        `after a clean final version, status says ${status.lastResult} with ${status.errors.length} errors`,
      );
    }
    if (end.heapMiB - baseline.heapMiB > heapSlack) {
      checker.violation(
        `the heap grew by ${(end.heapMiB - baseline.heapMiB).toFixed(1)} MiB (more than ${heapSlack} MiB)`,
      );
    }
    checker.finish();
    stopped = true;
    await target.stop();
    await eventually(
      async () => {
        const after = await probe.sample(false);
        if (after.watchers > 0) throw new Error('watchers');
      },
      { timeout: 2000 },
    ).catch(() =>
      checker.violation(`watchers left open after stop(): ${probe.where().join('\n')}`),
    );
    return {
      scenario: options.scenario,
      seed: options.seed,
      policy,
      counts: checker.counts,
      violations: checker.violations,
      violationTotal: checker.violationTotal,
      resources: { baseline, highest, end, heapMiB: heapSeries },
      durationMs: performance.now() - began,
    };
  } finally {
    reading = false;
    probe.stop();
    if (!stopped) await target.stop().catch(() => undefined);
    await kubelet.stop();
    await removeTempDir(root);
  }
}
