import type { EffectiveEngineOptions } from './configmap-options.interface.js';
import type { FlagChecksums, ReloadResult } from './reload-report.interface.js';

/** How the engine currently learns of changes. */
export type WatchMode = 'events' | 'polling' | 'periodic' | 'stopped';

/** What the mount directory looks like. */
export type VolumeLayout = 'kubelet' | 'plain' | 'missing';

/** ConfigMapStatus is the engine's state, for health checks, listings and metrics. */
export interface ConfigMapStatus {
  readonly path: string;
  readonly layout: VolumeLayout;
  /** The `..data` target currently applied (kubelet layout). */
  readonly version: string | undefined;
  readonly generation: number;
  readonly lastReloadAt: Date | undefined;
  readonly lastResult: ReloadResult | undefined;
  /** When a version last applied cleanly. */
  readonly lastSuccessAt: Date | undefined;
  /** Refused values of the last version (redacted). */
  readonly errors: readonly string[];
  /** Unknown keys and skipped entries of the last version. */
  readonly warnings: readonly string[];
  /** Static flags whose ConfigMap value differs from the running value: they take effect on restart. */
  readonly pendingRestart: readonly string[];
  readonly checksums: FlagChecksums;
  readonly watchMode: WatchMode;
  /** The watcher's last error, if it failed (the periodic check then carries on). */
  readonly watcherError: string | undefined;
  /** The directory is missing (allowed with `optional`, or vanished after start). */
  readonly directoryMissing: boolean;
  /** `initialize()` accepted refused values (`startOnInvalid`). */
  readonly startedOnFallbacks: boolean;
  /**
   * The options the engine runs with, every default filled in (the logger
   * aside): with `loadFlags()`, those of the load, which a `DflagModule`
   * reusing it may repeat but not change. Absent for an engine without them
   * (the in-memory one of `DflagTestingModule`).
   */
  readonly options?: EffectiveEngineOptions;
}
