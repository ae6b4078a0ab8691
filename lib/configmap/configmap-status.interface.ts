import type { EffectiveEngineOptions } from './configmap-options.interface.js';
import type { FlagChecksums, ReloadResult } from './reload-report.interface.js';

/** How the engine currently learns of changes. */
export type WatchMode = 'events' | 'polling' | 'periodic' | 'stopped';

/**
 * What the mount directory looks like: kubelet's (`..data` a symlink), a plain directory, missing,
 * or `unknown` (there, but it could never be searched: EACCES).
 */
export type VolumeLayout = 'kubelet' | 'plain' | 'missing' | 'unknown';

/** ConfigMapStatus is the engine's state, for health checks, listings and metrics. */
export interface ConfigMapStatus {
  readonly path: string;
  readonly layout: VolumeLayout;
  /**
   * The `..data` target whose values serve (kubelet layout): the last version
   * applied in whole or in part (`partial`: its refused keys keep earlier values).
   */
  readonly version: string | undefined;
  /** The newest `..data` target seen — "has this pod seen my fix?" */
  readonly latestVersion: string | undefined;
  /** Whether the newest version seen was refused in whole or in part (see `errors`). */
  readonly latestRefused: boolean;
  /**
   * The declared flags whose value in the newest version seen was refused: each keeps its last
   * good value. Every flag when that version could not be read as a whole; empty once a version
   * applies cleanly.
   */
  readonly refusedFlags: readonly string[];
  readonly generation: number;
  readonly lastReloadAt: Date | undefined;
  readonly lastResult: ReloadResult | undefined;
  /** When a version last applied cleanly. */
  readonly lastSuccessAt: Date | undefined;
  /** Refused values of the last version (redacted). */
  readonly errors: readonly string[];
  /** Unknown keys and skipped entries of the last version. */
  readonly warnings: readonly string[];
  /** The keys of the last version that no declared flag has (names only, never values). */
  readonly unknownKeys: readonly string[];
  /** Static flags whose ConfigMap value differs from the running value: they take effect on restart. */
  readonly pendingRestart: readonly string[];
  readonly checksums: FlagChecksums;
  readonly watchMode: WatchMode;
  /** The watcher's last error, if it failed (the periodic check then carries on). */
  readonly watcherError: string | undefined;
  /** The directory is missing (allowed with `optional`, or vanished after start). */
  readonly directoryMissing: boolean;
  /** Kubelet's layout broken for longer than a change takes (`..data` missing while keys link into it). */
  readonly layoutProblem: string | undefined;
  /** `initialize()` accepted refused values (`startOnInvalid`). */
  readonly startedOnFallbacks: boolean;
  /**
   * Whether the application may take traffic as far as its flags go: `false`
   * only under `startOnInvalid: 'unready'`, from a start with refused values
   * until no flag serves a fallback caused by them; once `true`, it stays so.
   */
  readonly ready: boolean;
  /**
   * Flags still serving a fallback because their value was refused at
   * start-up, until a version gives them a valid value or drops their key.
   */
  readonly refusedAtStart: readonly string[];
  /**
   * Flags holding a value on the `runtime` layer (the setter's expiring values), whichever layer
   * serves: a forgotten override is visible here, in health (`degraded`) and in the listing.
   */
  readonly overriddenAtRuntime: readonly string[];
  /**
   * The options the engine runs with, every default filled in (the logger
   * aside): with `loadFlags()`, those of the load, which a `DflagModule`
   * reusing it may repeat but not change. Absent for an engine without them
   * (the in-memory one of `DflagTestingModule`).
   */
  readonly options?: EffectiveEngineOptions;
}
