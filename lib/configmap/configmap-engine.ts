import { realpathSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { FSWatcher } from 'chokidar';
import { DflagError, DflagErrorCode } from '../errors/dflag.error.js';
import { FlagErrors } from '../errors/flag-errors.error.js';
import { messages } from '../errors/messages.constant.js';
import type { FlagSet } from '../flags/flag-set.js';
import type { ApplyOutcome } from './apply-snapshot.js';
import { applySnapshot } from './apply-snapshot.js';
import type { ConfigMapEngineOptions } from './configmap-options.interface.js';
import type { ConfigMapStatus, VolumeLayout, WatchMode } from './configmap-status.interface.js';
import { defaultLogger } from './default-logger.js';
import type { DflagLogger } from './dflag-logger.interface.js';
import { probeVolume } from './probe-volume.js';
import { readVolume } from './read-volume.js';
import type { ReloadReport, ReloadTrigger } from './reload-report.interface.js';
import type { VolumeSnapshot } from './volume-snapshot.interface.js';
import type { WatchFactory } from './volume-watcher.js';
import { closeMountWatcher, watchMountDirectory } from './volume-watcher.js';
import { errorMessage } from '../errors/error-message.util.js';

import { resolveEngineOptions } from './engine-options.util.js';
export { ENGINE_DEFAULTS } from './engine-options.util.js';

/** How often a layout caught mid-change (`..data` briefly missing) is looked at again. */
const TRANSIENT_RETRY_MS = 20;
/**
 * How long a kubelet volume read as a plain directory (no `..data`) is taken
 * for a change in progress before it is believed (an emptied volume, a
 * developer replacing it with plain files).
 */
const LAYOUT_FLIP_GRACE_MS = 2000;
/** How long start-up waits for a layout caught mid-change to settle. */
const TRANSIENT_STARTUP_LIMIT_MS = 2000;
/** Periodic checks go on at this pace when the watcher failed and `resyncInterval` is 0. */
const FALLBACK_RESYNC_MS = 5000;

/** directoryIdentity gives the real path of a directory and its device:inode, or undefined when missing. */
function directoryIdentity(path: string): { path: string; id: string } | undefined {
  try {
    const real = realpathSync(path);
    const info = statSync(real);
    return info.isDirectory() ? { path: real, id: `${info.dev}:${info.ino}` } : undefined;
  } catch {
    return undefined;
  }
}

const sameContent = (a: VolumeSnapshot, b: VolumeSnapshot | undefined): boolean => {
  if (!b || a.entries.size !== b.entries.size || a.refused.size !== b.refused.size) return false;
  for (const [key, entry] of a.entries) {
    const other = b.entries.get(key);
    if (!other || !other.bytes.equals(entry.bytes)) return false;
  }
  for (const [key, reason] of a.refused) if (b.refused.get(key) !== reason) return false;
  return a.warnings.join('\n') === b.warnings.join('\n');
};

/** EngineSeams lets tests reach the real watcher (e.g. to inject an error into it). */
export interface EngineSeams {
  /** @default chokidar on the mount directory ({@link watchMountDirectory}) */
  watch?: WatchFactory;
}

/**
 * ConfigMapEngine keeps a flag set in step with a mounted ConfigMap — dflag's
 * `Updater`, framework-free. `initialize()` reads the directory and sets
 * static and dynamic flags; `start()` watches it and from then on sets
 * dynamic flags only; `stop()` closes everything; `reload()` re-reads now.
 *
 * Watcher events are hints only: on a hint the engine checks whether
 * `readlink(..data)` changed (kubelet layout, at once — the swap is atomic)
 * or whether a file's identity changed (plain layout, once the burst
 * settled), and reloads only then. A periodic check catches lost events.
 */
export class ConfigMapEngine {
  /** The mount directory. */
  readonly path: string;
  /** The flags the ConfigMap sets. */
  readonly flagSet: FlagSet;

  private readonly options: Required<Omit<ConfigMapEngineOptions, 'logger' | 'path' | 'flagSet'>>;
  private readonly logger: DflagLogger;
  private readonly watchFactory: WatchFactory;
  private readonly listeners = new Set<(report: ReloadReport) => void>();

  private initializing: Promise<ReloadReport> | undefined;
  private initReport: ReloadReport | undefined;
  private started = false;
  private stopping: Promise<void> | undefined;

  private watcher: FSWatcher | undefined;
  private watcherFailed = false;
  private resyncTimer: NodeJS.Timeout | undefined;
  private settleTimer: NodeJS.Timeout | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private checking: Promise<void> | undefined;
  private recheck: ReloadTrigger | undefined;
  private transientRetries = 0;
  /** When a kubelet volume was first read as a plain directory (see `flippedToPlain`). */
  private plainSince: number | undefined;
  /** The identity (device and inode) of the directory the watcher watches. */
  private watched: string | undefined;
  /** The watched directory itself was deleted or moved: watch the mount path anew. */
  private watcherStale = false;
  /** A failed watcher is not reopened before this time. */
  private reopenAfter = 0;
  /** Resolvers of waits that must end when the engine stops. */
  private readonly onStop = new Set<() => void>();

  /** The identity (see `probeVolume`) of the state last processed. */
  private seenIdentity: string | undefined;
  private lastSnapshot: VolumeSnapshot | undefined;
  /** Unknown key → the identity it was last reported for: once per key and version. */
  private readonly reportedUnknown = new Map<string, string>();

  private layout: VolumeLayout = 'missing';
  private version: string | undefined;
  private generation = 0;
  private lastReloadAt: Date | undefined;
  private lastResult: ReloadReport['result'] | undefined;
  private lastSuccessAt: Date | undefined;
  private errors: readonly string[] = [];
  private warnings: readonly string[] = [];
  private pendingRestart: readonly string[] = [];
  private watcherError: string | undefined;
  private directoryMissing = false;
  private startedOnFallbacks = false;

  constructor(options: ConfigMapEngineOptions, seams: EngineSeams = {}) {
    this.path = options.path;
    this.flagSet = options.flagSet;
    this.logger = options.logger ?? defaultLogger;
    this.watchFactory = seams.watch ?? watchMountDirectory;
    this.options = resolveEngineOptions(options);
  }

  /** watching tells whether `start()` has run and `stop()` has not. */
  get watching(): boolean {
    return this.started && !this.stopping;
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
    this.startResync();
    if (!this.directoryMissing) await this.openWatcher();
    // Nothing to watch yet: only the periodic check can see the directory appear.
    else if (!this.resyncTimer) this.startResync(FALLBACK_RESYNC_MS);
    this.hint('watch');
    await this.checking;
  }

  /** stop closes the watcher and clears every timer; safe to call twice, and before `start()`. */
  stop(): Promise<void> {
    this.stopping ??= this.close();
    return this.stopping;
  }

  /** reload reads the directory now and processes it, even if nothing seems to have changed. */
  async reload(): Promise<ReloadReport> {
    await this.initialize();
    await this.checking;
    const snapshot = readVolume(this.path);
    if (snapshot.layout === 'missing') {
      await this.onDirectoryMissing();
      throw new DflagError(DflagErrorCode.ConfigMap, messages.directoryVanished(this.path));
    }
    if (snapshot.layout === 'transient' || this.flippedToPlain(snapshot)) {
      throw new DflagError(DflagErrorCode.ConfigMap, messages.transientLayout(this.path));
    }
    if (this.directoryMissing) await this.onDirectoryBack();
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
    if (this.started && !this.stopping) {
      if (this.watcher && !this.watcherFailed)
        watchMode = this.options.usePolling ? 'polling' : 'events';
      else watchMode = 'periodic';
    }
    return {
      path: this.path,
      layout: this.layout,
      version: this.version,
      generation: this.generation,
      lastReloadAt: this.lastReloadAt,
      lastResult: this.lastResult,
      lastSuccessAt: this.lastSuccessAt,
      errors: this.errors,
      warnings: this.warnings,
      pendingRestart: this.pendingRestart,
      checksums: {
        dynamic: this.flagSet.checksum('dynamic'),
        static: this.flagSet.checksum('static'),
      },
      watchMode,
      watcherError: this.watcherError,
      directoryMissing: this.directoryMissing,
      startedOnFallbacks: this.startedOnFallbacks,
      options: this.options,
    };
  }

  // ---- start-up ----

  private async load(): Promise<ReloadReport> {
    const began = performance.now();
    let snapshot = readVolume(this.path);
    for (
      let waited = 0;
      snapshot.layout === 'transient' && waited < TRANSIENT_STARTUP_LIMIT_MS;
      waited += TRANSIENT_RETRY_MS
    ) {
      await new Promise((resolve) => setTimeout(resolve, TRANSIENT_RETRY_MS));
      snapshot = readVolume(this.path);
    }
    if (snapshot.layout === 'transient') {
      throw new DflagError(DflagErrorCode.Setup, messages.transientLayout(this.path));
    }
    if (snapshot.layout === 'missing') {
      if (!this.options.optional)
        throw new DflagError(DflagErrorCode.Setup, messages.missingDirectory(this.path));
      this.directoryMissing = true;
    }
    const outcome = applySnapshot(this.flagSet, snapshot, {
      running: false,
      policy: this.options.startOnInvalid ? 'keep-last-good' : 'reject-version',
    });
    if (outcome.errors.length > 0 && !this.options.startOnInvalid) {
      throw new FlagErrors(
        DflagErrorCode.ConfigMap,
        messages.startupHeading(this.path),
        outcome.errors,
      );
    }
    this.startedOnFallbacks = outcome.errors.length > 0;
    const report = this.record(snapshot, outcome, 'initialize', began);
    this.initReport = report;
    return report;
  }

  // ---- watching ----

  /**
   * openWatcher watches the directory the mount path leads to (a mount path
   * may itself be a symlink, which chokidar would watch as a link) and
   * remembers its identity, so that a directory deleted and re-created is
   * noticed and watched again. Resolves once chokidar is ready, or failed, or
   * the engine stops meanwhile.
   */
  private async openWatcher(): Promise<void> {
    if (this.stopping) return;
    const target = directoryIdentity(this.path);
    if (!target) return; // gone meanwhile: the periodic check will see it return
    const watcher = this.watchFactory(target.path, this.options.usePolling);
    this.watcher = watcher;
    this.watched = target.id;
    this.watcherFailed = false;
    this.watcherStale = false;
    const self = basename(target.path);
    watcher.on('raw', (_event, name) => {
      // An event naming the watched directory itself: it was deleted or moved
      // (a new one may already stand there, even with the same inode number).
      if (name === self) this.watcherStale = true;
      this.onEvent();
    });
    watcher.on('all', () => this.onEvent());
    watcher.on('error', (error) => this.onWatcherError(error));
    await new Promise<void>((resolve) => {
      watcher.once('ready', resolve);
      watcher.once('error', () => resolve());
      this.onStop.add(resolve);
    });
  }

  private async closeWatcher(): Promise<void> {
    const watcher = this.watcher;
    this.watcher = undefined;
    this.watched = undefined;
    if (watcher) await closeMountWatcher(watcher);
  }

  /**
   * ensureWatcher reopens the watcher when it failed or when it watches a
   * directory that is no longer the mount (deleted and re-created, or the
   * mount symlink re-pointed): inotify keeps watching the old inode, which
   * never reports again.
   */
  private async ensureWatcher(): Promise<void> {
    if (!this.started || this.stopping) return;
    const current = directoryIdentity(this.path)?.id;
    if (current === undefined) return;
    if (this.watcher && !this.watcherFailed && !this.watcherStale && current === this.watched) {
      return;
    }
    // A failed watcher is retried at the pace of the periodic check, not in a loop.
    if (this.watcherFailed && current === this.watched && Date.now() < this.reopenAfter) return;
    await this.closeWatcher();
    await this.openWatcher();
  }

  private onWatcherError(error: unknown): void {
    if (this.stopping) return;
    this.watcherFailed = true;
    this.watcherError = errorMessage(error);
    this.reopenAfter = Date.now() + (this.options.resyncInterval || FALLBACK_RESYNC_MS);
    this.logger.warn(messages.watcherFailed(this.path, this.watcherError));
    // The periodic check carries on, and reopens the watcher when it can.
    if (!this.resyncTimer) this.startResync(FALLBACK_RESYNC_MS);
    this.hint('periodic');
  }

  private startResync(interval = this.options.resyncInterval): void {
    if (interval <= 0) return;
    this.resyncTimer = setInterval(() => this.hint('periodic'), interval);
    this.resyncTimer.unref();
  }

  /**
   * onEvent: the kubelet layout is checked at once (latency matters, and the
   * swap is atomic); a plain directory is checked once its burst of writes
   * has been quiet for `settleDelay`.
   */
  private onEvent(): void {
    if (this.stopping) return;
    if (this.layout !== 'plain') {
      this.hint('watch');
      return;
    }
    if (this.settleTimer) this.settleTimer.refresh();
    else {
      this.settleTimer = setTimeout(() => {
        this.settleTimer = undefined;
        this.hint('watch');
      }, this.options.settleDelay);
      this.settleTimer.unref();
    }
  }

  /** hint runs one check at a time; hints arriving meanwhile fold into one more check. */
  private hint(trigger: ReloadTrigger): void {
    if (this.stopping || !this.initReport) return;
    if (this.checking) {
      this.recheck ??= trigger;
      return;
    }
    this.checking = this.checkLoop(trigger).finally(() => {
      this.checking = undefined;
    });
  }

  private async checkLoop(trigger: ReloadTrigger): Promise<void> {
    let next: ReloadTrigger | undefined = trigger;
    while (next && !this.stopping) {
      this.recheck = undefined;
      try {
        await this.check(next);
      } catch (error) {
        // Nothing was applied and the last good values serve: health must say so.
        this.errors = [messages.readFailed(this.path, errorMessage(error))];
        this.lastResult = 'rejected';
        this.lastReloadAt = new Date();
        this.logger.error(this.errors[0] as string);
      }
      next = this.recheck;
    }
  }

  private async check(trigger: ReloadTrigger): Promise<void> {
    await this.ensureWatcher();
    const identity = probeVolume(this.path);
    if (identity === this.seenIdentity) return;
    if (identity === 'transient') return this.retrySoon();
    if (identity === 'missing') return this.onDirectoryMissing();
    // A read that fails on I/O leaves seenIdentity as it was: the next check retries it.
    const snapshot = readVolume(this.path);
    // Once kubelet's layout was seen, a directory without `..data` is caught
    // mid-change (a non-atomic relink, a deletion in progress): it is not read
    // as a plain directory (which would drop every key) unless it stays so
    // for longer than any such change takes.
    if (snapshot.layout === 'transient' || this.flippedToPlain(snapshot)) {
      return this.retrySoon();
    }
    if (snapshot.layout === 'missing') return this.onDirectoryMissing();
    if (this.directoryMissing) await this.onDirectoryBack();
    if (sameContent(snapshot, this.lastSnapshot)) {
      // A swap with identical content (a projected volume's other source changed).
      this.seenIdentity = snapshot.identity;
      this.version = snapshot.version;
      this.layout = snapshot.layout as VolumeLayout;
      return;
    }
    this.process(snapshot, trigger);
  }

  /** flippedToPlain: a plain read of a kubelet volume, not yet settled for {@link LAYOUT_FLIP_GRACE_MS}. */
  private flippedToPlain(snapshot: VolumeSnapshot): boolean {
    if (snapshot.layout !== 'plain' || this.layout !== 'kubelet') return false;
    this.plainSince ??= Date.now();
    return Date.now() - this.plainSince < LAYOUT_FLIP_GRACE_MS;
  }

  private retrySoon(): void {
    if (this.retryTimer || this.stopping) return;
    if (this.transientRetries === 0) this.logger.warn(messages.transientLayout(this.path));
    // Quick retries through the grace period; then watcher events and the periodic check carry on.
    if (++this.transientRetries > LAYOUT_FLIP_GRACE_MS / TRANSIENT_RETRY_MS + 1) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.hint('watch');
    }, TRANSIENT_RETRY_MS);
    this.retryTimer.unref();
  }

  private async onDirectoryMissing(): Promise<void> {
    this.seenIdentity = 'missing';
    if (this.directoryMissing) return;
    this.directoryMissing = true;
    this.layout = 'missing';
    this.logger.warn(messages.directoryVanished(this.path));
    await this.closeWatcher();
    if (!this.resyncTimer) this.startResync(FALLBACK_RESYNC_MS);
  }

  private async onDirectoryBack(): Promise<void> {
    this.directoryMissing = false;
    await this.ensureWatcher();
  }

  // ---- applying ----

  private process(snapshot: VolumeSnapshot, trigger: ReloadTrigger): ReloadReport {
    const began = performance.now();
    const outcome = applySnapshot(this.flagSet, snapshot, {
      running: true,
      policy: this.options.onInvalid,
    });
    const report = this.record(snapshot, outcome, trigger, began);
    for (const listener of this.listeners) {
      try {
        listener(report);
      } catch (error) {
        this.logger.error(`A reload listener threw: ${errorMessage(error)}`);
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
    const at = new Date();
    this.generation += 1;
    this.seenIdentity = snapshot.identity;
    this.lastSnapshot = snapshot;
    if (snapshot.layout !== 'transient') this.layout = snapshot.layout;
    this.transientRetries = 0;
    this.plainSince = undefined;
    if (outcome.result !== 'rejected') this.version = snapshot.version;
    this.lastReloadAt = at;
    this.lastResult = outcome.result;
    if (outcome.result === 'applied') this.lastSuccessAt = at;
    this.errors = outcome.errors.map((e) => e.message);
    this.warnings = outcome.warnings;
    this.pendingRestart = outcome.pendingRestart;
    for (const key of this.reportedUnknown.keys()) {
      if (!outcome.unknownKeys.includes(key)) this.reportedUnknown.delete(key);
    }
    for (const key of outcome.unknownKeys) {
      if (this.reportedUnknown.get(key) === snapshot.identity) continue;
      this.reportedUnknown.set(key, snapshot.identity);
      this.logger.warn(messages.unknownKey(snapshot.entries.get(key)?.file ?? key));
    }
    for (const message of this.errors) this.logger.warn(message);
    return {
      generation: this.generation,
      result: outcome.result,
      changes: outcome.changes,
      errors: this.errors,
      warnings: this.warnings,
      checksums: {
        dynamic: this.flagSet.checksum('dynamic'),
        static: this.flagSet.checksum('static'),
      },
      durationMs: performance.now() - began,
      at,
      trigger,
      version: snapshot.version,
    };
  }

  // ---- shutdown ----

  private async close(): Promise<void> {
    for (const wake of this.onStop) wake();
    this.onStop.clear();
    for (const timer of [this.resyncTimer, this.settleTimer, this.retryTimer]) clearTimeout(timer);
    this.resyncTimer = this.settleTimer = this.retryTimer = undefined;
    await this.closeWatcher();
    await this.checking;
    this.started = false;
  }
}
