import type { FlagSet } from '../flags/flag-set.js';
import type { ApplyOutcome } from './apply-snapshot.js';
import type { ConfigMapStatus, VolumeLayout, WatchMode } from './configmap-status.interface.js';
import type { FlagChecksums, ReloadReport, ReloadTrigger } from './reload-report.interface.js';
import type { VolumeSnapshot } from './volume-snapshot.interface.js';
import { overriddenAtRuntime } from '../runtime/overridden-at-runtime.util.js';

/**
 * EngineStatus is the record of what the engine processed: the layout and
 * version serving, the last result, its errors and warnings. It turns into
 * the {@link ConfigMapStatus} health checks, listings and metrics read.
 */
export class EngineStatus {
  layout: VolumeLayout = 'missing';
  /** The version whose values serve (the last one applied, in whole or in part). */
  version: string | undefined;
  /** The newest version seen, and whether it was refused in whole or in part. */
  latestVersion: string | undefined;
  latestRefused = false;
  /** The flags whose value in the newest version seen was refused. */
  refusedFlags: readonly string[] = [];
  generation = 0;
  lastReloadAt: Date | undefined;
  lastResult: ReloadReport['result'] | undefined;
  lastSuccessAt: Date | undefined;
  errors: readonly string[] = [];
  warnings: readonly string[] = [];
  unknownKeys: readonly string[] = [];
  pendingRestart: readonly string[] = [];
  directoryMissing = false;
  layoutProblem: string | undefined;
  startedOnFallbacks = false;

  constructor(
    private readonly path: string,
    private readonly flagSet: FlagSet,
  ) {}

  /** record notes one processed version and returns its report. */
  record(
    snapshot: VolumeSnapshot,
    outcome: ApplyOutcome,
    trigger: ReloadTrigger,
    began: number,
  ): ReloadReport {
    const at = new Date();
    this.generation += 1;
    // A directory that could not be searched keeps the layout and the newest version seen.
    const known = snapshot.layoutUnknown !== true;
    if (snapshot.layout !== 'transient' && known) this.layout = snapshot.layout;
    // There, but never searchable so far: not `missing`, and no layout seen.
    else if (!known && this.layout === 'missing') this.layout = 'unknown';
    // kubelet's layout broken (keys linking into a `..data` gone) names no new version: the
    // values of the last one still serve, and it is still the newest seen.
    const broken = snapshot.layoutProblem !== undefined;
    if (outcome.result !== 'rejected' && !broken) this.version = snapshot.version;
    if (known && !broken) this.latestVersion = snapshot.version;
    this.latestRefused = outcome.result !== 'applied';
    this.refusedFlags = outcome.refusedFlags;
    this.layoutProblem = snapshot.layoutProblem;
    this.lastReloadAt = at;
    this.lastResult = outcome.result;
    if (outcome.result === 'applied') this.lastSuccessAt = at;
    this.errors = outcome.errors.map((e) => e.message);
    this.warnings = outcome.warnings;
    this.unknownKeys = outcome.unknownKeys;
    this.pendingRestart = outcome.pendingRestart;
    return {
      generation: this.generation,
      result: outcome.result,
      changes: outcome.changes,
      errors: this.errors,
      warnings: this.warnings,
      checksums: this.flagSet.checksumsNow(),
      durationMs: performance.now() - began,
      at,
      trigger,
      version: snapshot.version,
    };
  }

  /**
   * sameContent notes a new version holding exactly the content last
   * processed: it serves if that content did (in whole or in part); refused
   * content stays refused.
   */
  sameContent(snapshot: VolumeSnapshot): void {
    if (this.lastResult !== 'rejected') this.version = snapshot.version;
    this.latestVersion = snapshot.version;
    this.layout = snapshot.layout as VolumeLayout;
  }

  /** readFailed notes a check that failed before anything was applied. */
  readFailed(message: string): void {
    this.latestRefused = true;
    // Nothing could be read: no flag is known to hold the newest value.
    this.refusedFlags = [...this.flagSet].map((flag) => flag.name);
    this.errors = [message];
    this.lastResult = 'rejected';
    this.lastReloadAt = new Date();
  }

  /** toStatus is the status as the engine reports it. */
  toStatus(
    watchMode: WatchMode,
    watcherError: string | undefined,
    readiness: { readonly ready: boolean; readonly fallbacks: readonly string[] },
  ): ConfigMapStatus {
    return {
      path: this.path,
      layout: this.layout,
      version: this.version,
      latestVersion: this.latestVersion,
      latestRefused: this.latestRefused,
      refusedFlags: this.refusedFlags,
      generation: this.generation,
      lastReloadAt: this.lastReloadAt,
      lastResult: this.lastResult,
      lastSuccessAt: this.lastSuccessAt,
      errors: this.errors,
      warnings: this.warnings,
      unknownKeys: this.unknownKeys,
      pendingRestart: this.pendingRestart,
      checksums: this.checksums(),
      watchMode,
      watcherError,
      directoryMissing: this.directoryMissing,
      layoutProblem: this.layoutProblem,
      startedOnFallbacks: this.startedOnFallbacks,
      ready: readiness.ready,
      refusedAtStart: readiness.fallbacks,
      overriddenAtRuntime: overriddenAtRuntime(this.flagSet),
    };
  }

  private checksums(): FlagChecksums {
    return { dynamic: this.flagSet.checksum('dynamic'), static: this.flagSet.checksum('static') };
  }
}
