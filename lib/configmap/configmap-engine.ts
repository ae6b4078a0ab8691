import type { InspectOptions } from 'node:util';
import type { InspectFunction } from '../flags/inspect-view.util.js';
import { INSPECT, inspectView } from '../flags/inspect-view.util.js';
import type { FlagEngineView } from '../flags/flag-view.interface.js';
import { DflagError, DflagErrorCode } from '../errors/dflag.error.js';
import { errorMessage } from '../errors/error-message.util.js';
import { FlagErrors } from '../errors/flag-errors.error.js';
import { isVersionDirName } from '../kubelet/current-version.util.js';
import { DATA_DIR_NAME, DATA_TMP_NAME } from '../kubelet/kubelet.constants.js';
import { messages } from '../errors/messages.constant.js';
import type { FlagSet } from '../flags/flag-set.js';
import type { ApplyOutcome } from './apply-snapshot.js';
import { applySnapshot } from './apply-snapshot.js';
import { CheckScheduler, TRANSIENT_RETRY_MS } from './check-scheduler.js';
import type { ConfigMapEngineOptions } from './configmap-options.interface.js';
import type { ConfigMapStatus, WatchMode } from './configmap-status.interface.js';
import { defaultLogger } from './default-logger.js';
import type { DflagLogger } from './dflag-logger.interface.js';
import { EngineStatus } from './engine-status.js';
import type { PreparedValues } from './prepare-snapshot.js';
import { prepareSnapshot } from './prepare-snapshot.js';
import { readVolume } from './read-volume.js';
import type { ReadVolumeOptions } from './read-volume.js';
import type { ReloadReport, ReloadTrigger } from './reload-report.interface.js';
import { StartupReadiness } from './startup-readiness.js';
import type { Steps } from './time-slice.util.js';
import { runSteps, SLICE_MS, TimeSlice } from './time-slice.util.js';
import { ByteSlab } from './byte-slab.util.js';
import { UnchangedKeys } from './unchanged-keys.js';
import { UnknownKeyReporter } from './unknown-key-reporter.js';
import { LAYOUT_FLIP_GRACE_MS, VersionDetector } from './version-detector.js';
import type { VolumeSnapshot } from './volume-snapshot.interface.js';
import type { WatchFactory } from './volume-watcher.js';
import { watchMountDirectory } from './volume-watcher.js';
import { WatchSupervisor } from './watch-supervisor.js';

import { resolveEngineOptions } from './engine-options.util.js';
export { ENGINE_DEFAULTS } from './engine-options.util.js';

/** How long start-up waits for a layout caught mid-change to settle. */
const TRANSIENT_STARTUP_LIMIT_MS = 2000;
/** Periodic checks go on at this pace when the watcher failed and `resyncInterval` is 0. */
const FALLBACK_RESYNC_MS = 5000;
/** How long chokidar may take to be ready (it lists one directory) before it counts as failed. */
const WATCH_READY_TIMEOUT_MS = 10_000;

/**
 * replacesKubeletLayout: a plain directory read after kubelet's layout, not a broken kubelet
 * layout read as one (which says so itself) nor one that could not be searched — the flip
 * believed once it lasted over 2 s (an emptied volume, plain files put in its place).
 */
const replacesKubeletLayout = (
  snapshot: VolumeSnapshot,
  processed: VolumeSnapshot['layout'] | undefined,
): boolean =>
  processed === 'kubelet' &&
  snapshot.layout === 'plain' &&
  snapshot.layoutProblem === undefined &&
  snapshot.layoutUnknown === undefined;

/** EngineSeams lets tests reach the real watcher (e.g. to inject an error into it). */
export interface EngineSeams {
  /** @default chokidar on the mount directory ({@link watchMountDirectory}) */
  watch?: WatchFactory;
  /**
   * Milliseconds of reading and parsing per event-loop turn; 0 pauses between every two keys
   * (tests: every read then spans turns while a writer goes on).
   * @default SLICE_MS (1.5)
   */
  sliceMs?: number;
  /**
   * Milliseconds chokidar may take to be ready before the watcher counts as failed.
   * @default WATCH_READY_TIMEOUT_MS (10 000)
   */
  watchReadyTimeout?: number;
}

/**
 * ConfigMapEngine keeps a flag set in step with a mounted ConfigMap — dflag's
 * `Updater`, framework-free. `initialize()` reads the directory and sets
 * static and dynamic flags; `start()` watches it and from then on sets
 * dynamic flags only; `stop()` closes everything; `reload()` re-reads now.
 *
 * It wires four parts: a {@link WatchSupervisor} (the watcher), a
 * {@link CheckScheduler} (when to look), a {@link VersionDetector} (whether
 * what it sees is a new version) and an {@link EngineStatus} (what was
 * processed). Watcher events are hints only.
 */
export class ConfigMapEngine {
  /** The mount directory. */
  readonly path: string;
  /** The flags the ConfigMap sets. */
  readonly flagSet: FlagSet;

  private readonly options: Required<Omit<ConfigMapEngineOptions, 'logger' | 'path' | 'flagSet'>>;
  /** The logger the engine writes with (the registration's, for the library's optional parts). */
  readonly logger: DflagLogger;
  private readonly listeners = new Set<(report: ReloadReport) => void>();
  private readonly watcher: WatchSupervisor;
  private readonly scheduler: CheckScheduler;
  private readonly detector: VersionDetector;
  /** What every read of the directory reads: the keys the flags declare (see `ReadVolumeOptions.wanted`). */
  private readonly reading: ReadVolumeOptions = { wanted: (name) => this.flagSet.has(name) };
  private readonly state: EngineStatus;
  private readonly unknownKeys: UnknownKeyReporter;
  private readonly unchanged = new UnchangedKeys();
  private readonly readiness: StartupReadiness;
  private readonly sliceMs: number;

  /** The watcher failure last warned of, until a watcher is healthy again. */
  private watcherWarned: string | undefined;
  private initializing: Promise<ReloadReport> | undefined;
  private initReport: ReloadReport | undefined;
  private started = false;
  private stopping: Promise<void> | undefined;

  constructor(options: ConfigMapEngineOptions, seams: EngineSeams = {}) {
    this.path = options.path;
    this.flagSet = options.flagSet;
    this.logger = options.logger ?? defaultLogger;
    this.options = resolveEngineOptions(options);
    this.state = new EngineStatus(this.path, this.flagSet);
    this.detector = new VersionDetector(this.path, this.reading);
    this.unknownKeys = new UnknownKeyReporter(this.logger);
    this.readiness = new StartupReadiness(this.options.startOnInvalid);
    this.sliceMs = seams.sliceMs ?? SLICE_MS;
    this.scheduler = new CheckScheduler({
      check: (trigger) => this.check(trigger),
      onCheckFailed: (error) => this.onCheckFailed(error),
      settleDelay: this.options.settleDelay,
      transientRetryLimit: LAYOUT_FLIP_GRACE_MS / TRANSIENT_RETRY_MS + 1,
    });
    this.watcher = new WatchSupervisor({
      path: this.path,
      usePolling: this.options.usePolling,
      factory: seams.watch ?? watchMountDirectory,
      onEvent: (name) => this.onWatchEvent(name),
      onFailure: (reason) => this.onWatcherFailed(reason),
      // At the periodic check's pace, and every 5 s at least (as the fallback checks run).
      reopenDelay: Math.min(this.options.resyncInterval || FALLBACK_RESYNC_MS, FALLBACK_RESYNC_MS),
      readyTimeout: seams.watchReadyTimeout ?? WATCH_READY_TIMEOUT_MS,
    });
  }

  /** watching tells whether `start()` has run and `stop()` has not. */
  get watching(): boolean {
    return this.started && !this.stopping;
  }

  /** generation is the number of versions processed (`status().generation`), without building a status. */
  get generation(): number {
    return this.state.generation;
  }

  /** version is the `..data` version serving (`status().version`), without building a status. */
  get version(): string | undefined {
    return this.state.version;
  }

  /** pendingRestart lists the static flags whose ConfigMap value waits for a restart (`status().pendingRestart`), without building a status. */
  get pendingRestart(): readonly string[] {
    return this.state.pendingRestart;
  }

  /** toJSON is what `JSON.stringify` of the engine gives: where it reads and its flags' views, never its internals (the bytes it read, every layer's value). */
  toJSON(): FlagEngineView {
    return { path: this.path, flagSet: this.flagSet.toJSON(), generation: this.generation };
  }

  /**
   * What `util.inspect` shows of the engine: its {@link toJSON} view.
   * @internal
   */
  [INSPECT](depth?: number, options?: InspectOptions, inspect?: InspectFunction): string {
    return inspectView('ConfigMapEngine', this.toJSON(), depth, options, inspect);
  }

  /** initialized tells whether `initialize()` has succeeded. */
  get initialized(): boolean {
    return this.initReport !== undefined;
  }

  /**
   * initialize reads the directory once and sets static and dynamic flags.
   * Throws one {@link FlagErrors} listing every refused key (unless
   * `startOnInvalid`), or a clear error when the directory is missing (unless
   * `optional`). A second call returns the first report without reading again.
   */
  initialize(): Promise<ReloadReport> {
    this.initializing ??= this.load().catch((error: unknown) => {
      this.initializing = undefined;
      throw error;
    });
    return this.initializing;
  }

  /**
   * start watches the directory; from then on only dynamic flags change.
   * Calls `initialize()` first if needed. A swap that happened since
   * `initialize()` is picked up at once. Idempotent.
   */
  async start(): Promise<void> {
    await this.initialize();
    if (this.started || this.stopping) return;
    this.started = true;
    this.scheduler.startPeriodic(this.options.resyncInterval);
    if (!this.state.directoryMissing) await this.watcher.open();
    else {
      // Nothing to watch yet: the directory holding it is, for its arrival (and periodically).
      this.watcher.watchForReturn();
      this.scheduler.startPeriodic(FALLBACK_RESYNC_MS);
    }
    this.scheduler.hint('watch');
    await this.scheduler.idle();
  }

  /** stop closes the watcher and clears every timer; safe to call twice, and before `start()`. */
  stop(): Promise<void> {
    this.stopping ??= this.close();
    return this.stopping;
  }

  /** reload reads the directory now and processes it, even if nothing seems to have changed. */
  async reload(): Promise<ReloadReport> {
    await this.initialize();
    await this.scheduler.idle();
    const snapshot = readVolume(this.path, this.reading);
    if (snapshot.layout === 'missing') {
      await this.onDirectoryMissing();
      throw new DflagError(DflagErrorCode.ConfigMap, messages.directoryVanished(this.path));
    }
    if (
      snapshot.layout === 'transient' ||
      this.detector.flippedToPlain(snapshot, this.state.layout)
    ) {
      throw new DflagError(DflagErrorCode.ConfigMap, messages.transientLayout(this.path));
    }
    if (this.state.directoryMissing) await this.onDirectoryBack();
    return this.process(snapshot, 'manual');
  }

  /** onReload subscribes to every version processed after the initial load. Returns the unsubscribe function. */
  onReload(listener: (report: ReloadReport) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** status reports the engine's state, for health checks, listings and metrics. */
  status(): ConfigMapStatus {
    let watchMode: WatchMode = 'stopped';
    if (this.watching) {
      if (this.watcher.healthy) watchMode = this.options.usePolling ? 'polling' : 'events';
      else watchMode = 'periodic';
    }
    return {
      ...this.state.toStatus(watchMode, this.watcher.lastError, this.readiness),
      options: this.options,
    };
  }

  // ---- start-up ----

  private async load(): Promise<ReloadReport> {
    const began = performance.now();
    let snapshot = readVolume(this.path, this.reading);
    for (
      let waited = 0;
      snapshot.layout === 'transient' && waited < TRANSIENT_STARTUP_LIMIT_MS;
      waited += TRANSIENT_RETRY_MS
    ) {
      await new Promise((resolve) => setTimeout(resolve, TRANSIENT_RETRY_MS));
      snapshot = readVolume(this.path, this.reading);
    }
    // Still kubelet's layout without `..data`: not a change in progress any more; read what can be read.
    if (snapshot.layout === 'transient')
      snapshot = readVolume(this.path, { ...this.reading, acceptBrokenLayout: true });
    if (snapshot.layout === 'missing') {
      if (!this.options.optional)
        throw new DflagError(DflagErrorCode.Setup, messages.missingDirectory(this.path));
      this.state.directoryMissing = true;
    }
    const mode = this.options.startOnInvalid;
    let outcome = applySnapshot(this.flagSet, snapshot, {
      running: false,
      policy: 'reject-version',
      unchanged: this.unchanged,
    });
    if (outcome.errors.length > 0) {
      if (mode === false) {
        throw new FlagErrors(
          DflagErrorCode.ConfigMap,
          messages.startupHeading(this.path),
          outcome.errors,
        );
      }
      // Only a restart applies a static flag's fixed value: a crash-looping pod restarts on its own.
      const statics = outcome.refusedFlags.filter((name) => !this.flagSet.find(name)?.dynamic);
      if (mode === 'unready' && statics.length > 0) {
        throw new FlagErrors(
          DflagErrorCode.ConfigMap,
          messages.startupStaticRefused(this.path, statics),
          outcome.errors,
        );
      }
      outcome = applySnapshot(this.flagSet, snapshot, {
        running: false,
        policy: 'keep-last-good',
        unchanged: this.unchanged,
      });
    }
    this.state.startedOnFallbacks = outcome.errors.length > 0;
    this.readiness.started(outcome.refusedFlags);
    const report = this.record(snapshot, outcome, 'initialize', began);
    this.initReport = report;
    this.scheduler.enabled = true;
    return report;
  }

  // ---- watching ----

  /**
   * onWatchEvent: a watcher event is a hint, except, in kubelet's layout, one naming a version
   * directory (`..<timestamp>`: see `isVersionDirName`) or `..data_tmp`, whose creation, move and
   * deletion never change what `..data` names. That spares the checks of a version being staged,
   * of the symlink kubelet stages for it (a check there finds the old version, and can still be
   * running when the `rename` comes, which then waits for it), and of the old version being
   * deleted. A swap's hint is the event of `..data` that kubelet's `rename` makes.
   */
  private onWatchEvent(name: string | undefined): void {
    const layout = this.state.layout;
    const staging = name !== undefined && (isVersionDirName(name) || name === DATA_TMP_NAME);
    if (layout === 'kubelet' && staging) return;
    // `..data` is kubelet's atomic swap, also its first one into a directory read as plain so far.
    this.scheduler.event(layout === 'plain' && name !== DATA_DIR_NAME);
  }

  private onWatcherFailed(reason: string): void {
    if (this.stopping) return;
    // Once per reason: a watcher reopened at the periodic pace that fails alike is no news.
    if (reason !== this.watcherWarned) this.logger.warn(messages.watcherFailed(this.path, reason));
    this.watcherWarned = reason;
    // The periodic check carries on, and reopens the watcher when it can.
    this.scheduler.startPeriodic(FALLBACK_RESYNC_MS);
    this.scheduler.hint('periodic');
  }

  private onCheckFailed(error: unknown): void {
    // Nothing was applied and the last good values serve: health must say so.
    this.state.readFailed(messages.readFailed(this.path, errorMessage(error)));
    this.logger.error(this.state.errors[0] as string);
  }

  /**
   * check looks at the directory once and processes a new version. Reading and parsing it are
   * spread over event-loop turns (a {@link TimeSlice} of work each), so that a big version does
   * not block the application; the swap is one synchronous step. A version that fits in one
   * share is read, parsed and swapped in at once, on the stack of the event that asked for it: no
   * microtask or turn between kubelet's `rename` and the flags' subscribers. A state read over
   * several turns is applied only if it still is the directory's (else the check runs again).
   */
  private check(trigger: ReloadTrigger): void | Promise<void> {
    if (!this.watching) return this.checkNow(trigger);
    if (this.watcher.broken) return this.watcher.ensure().then(() => this.checkNow(trigger));
    // After the check, and after the microtask that puts its changes on the bus (queued at the
    // swap): whether the mount path still leads to the directory watched (a `stat`); and from
    // a turn of its own, in slices, the checksums nobody read yet (a hash over every value:
    // milliseconds for a big ConfigMap; a swap before it settles them first), and the next
    // read's first buffer.
    const checked = this.checkNow(trigger) ?? Promise.resolve();
    return checked.then(() => {
      setImmediate(() => {
        ByteSlab.prepare();
        const slice = TimeSlice.background(this.sliceMs);
        void runSteps(
          this.flagSet.settleChecksumsSteps(() => slice.spent()),
          slice,
        );
      });
      return this.watcher.ensure().then(() => {
        if (!this.watcher.healthy || this.state.directoryMissing) return;
        // Watching again: the fallback pace, if one was needed, ends; so does the episode's warning.
        this.watcherWarned = undefined;
        this.scheduler.restorePeriodic(this.options.resyncInterval);
      });
    });
  }

  private checkNow(trigger: ReloadTrigger): void | Promise<void> {
    const slice = TimeSlice.of(this.sliceMs);
    // A promise of what is left to wait for is that wait itself, once awaited.
    return runSteps(this.checkSteps(trigger, slice), slice) as void | Promise<void>;
  }

  /** checkSteps is one check as steps; what it returns is what is left to wait for (a watcher to reopen or close). */
  private *checkSteps(trigger: ReloadTrigger, slice: TimeSlice): Steps<void | Promise<void>> {
    const found = yield* this.detector.detect(this.state.layout, slice);
    if (this.stopping) return;
    switch (found.kind) {
      case 'unchanged':
        return;
      case 'transient':
        this.retrySoon();
        // Back, caught mid-change (re-created, not written yet): there, with the last values serving.
        return this.state.directoryMissing ? this.onDirectoryBackMidChange() : undefined;
      case 'missing':
        return this.onDirectoryMissing();
    }
    const back = this.state.directoryMissing ? this.onDirectoryBack() : undefined;
    // A swap with identical content (a projected volume's other source changed).
    if (found.kind === 'same-content') {
      // Plain files holding kubelet's bytes: the layout is replaced all the same.
      if (this.noteLayoutReplaced(found.snapshot)) this.detector.processed(found.snapshot);
      this.state.sameContent(found.snapshot);
      return back;
    }
    const prepared = yield* prepareSnapshot(this.flagSet, found.snapshot, slice, this.unchanged);
    if (this.stopping) return back;
    if (slice.pauses > 0 && !this.detector.stillCurrent(found.snapshot)) {
      this.scheduler.hint(trigger); // moved on meanwhile: look again
      return back;
    }
    this.process(found.snapshot, trigger, prepared);
    return back;
  }

  /**
   * noteLayoutReplaced logs a plain directory read after kubelet's layout (see
   * {@link replacesKubeletLayout}), and tells whether it was one.
   */
  private noteLayoutReplaced(snapshot: VolumeSnapshot): boolean {
    if (!replacesKubeletLayout(snapshot, this.detector.processedLayout)) return false;
    this.logger.warn(messages.layoutReplaced(this.path));
    return true;
  }

  private retrySoon(): void {
    if (this.stopping) return;
    if (this.scheduler.retrySoon()) this.logger.warn(messages.transientLayout(this.path));
  }

  private async onDirectoryMissing(): Promise<void> {
    this.detector.vanished();
    if (!this.state.directoryMissing) {
      this.state.directoryMissing = true;
      this.state.layout = 'missing';
      this.logger.warn(messages.directoryVanished(this.path));
    }
    // Gone again after it came back (and was watched again) before a version was read: the same.
    if (this.watcher.awaitingReturn) return;
    await this.watcher.release();
    if (this.watching) {
      this.watcher.watchForReturn();
      // Back between the probe that found it missing and the watch of its parent: one more look
      // (once: only when that watch opened; where it cannot, the periodic check looks).
      if (this.watcher.awaitingReturn) this.scheduler.hint('watch');
    }
    this.scheduler.startPeriodic(FALLBACK_RESYNC_MS);
  }

  /**
   * onDirectoryBackMidChange: the directory returned as a layout caught mid-change, after one that
   * was read (kubelet's, plain): there again, that layout's values serving. Back before anything
   * was ever read there, it stays reported missing until a version is.
   */
  private onDirectoryBackMidChange(): Promise<void> | undefined {
    const was = this.detector.processedLayout;
    if (was !== 'kubelet' && was !== 'plain') return undefined;
    this.state.layout = was;
    return this.onDirectoryBack();
  }

  private async onDirectoryBack(): Promise<void> {
    this.state.directoryMissing = false;
    if (this.watching) await this.watcher.ensure();
  }

  // ---- applying ----

  private process(
    snapshot: VolumeSnapshot,
    trigger: ReloadTrigger,
    prepared?: PreparedValues,
  ): ReloadReport {
    const began = performance.now();
    this.noteLayoutReplaced(snapshot);
    const outcome = applySnapshot(this.flagSet, snapshot, {
      running: true,
      policy: this.options.onInvalid,
      tag: this,
      prepared,
      unchanged: this.unchanged,
    });
    this.readiness.processed(outcome.result, outcome.refusedFlags);
    const report = this.record(snapshot, outcome, trigger, began);
    for (const listener of this.listeners) {
      try {
        listener(report);
      } catch (error) {
        this.logger.error(messages.reloadListenerFailed(errorMessage(error)));
      }
    }
    return report;
  }

  private record(
    snapshot: VolumeSnapshot,
    outcome: ApplyOutcome,
    trigger: ReloadTrigger,
    began: number,
  ): ReloadReport {
    this.detector.processed(snapshot);
    this.scheduler.settled();
    const report = this.state.record(snapshot, outcome, trigger, began);
    this.unknownKeys.report(snapshot, outcome);
    for (const message of report.errors) this.logger.warn(message);
    return report;
  }

  // ---- shutdown ----

  private async close(): Promise<void> {
    this.scheduler.stop();
    await this.watcher.close();
    await this.scheduler.idle();
    this.started = false;
  }
}
