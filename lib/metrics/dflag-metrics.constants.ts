/** DEFAULT_METRICS_PREFIX starts every metric name unless `prefix` is given. */
export const DEFAULT_METRICS_PREFIX = 'dflag_';

/** The token of the loaded prom-client module (namespaced like the module's other tokens). */
export const DFLAG_PROM_CLIENT = 'DFLAG:METRICS:PROM_CLIENT';

/** The token of a DflagMetricsModule registration's checked options. */
export const DFLAG_METRICS_OPTIONS = 'DFLAG:METRICS:OPTIONS';

/**
 * RELOAD_DURATION_BUCKETS (seconds): a version is read, validated and
 * applied in about a millisecond for a few keys, tens of milliseconds for
 * large ones; seconds mean a slow disk or a huge volume.
 */
export const RELOAD_DURATION_BUCKETS: readonly number[] = [
  0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5,
];

/** The name of each metric after the prefix, in the order they are registered. */
export const METRIC_NAMES = {
  /** 1 when the last version processed applied cleanly, else 0. */
  lastReloadSuccessful: 'config_last_reload_successful',
  /** When a version last applied cleanly (Unix seconds). */
  lastReloadSuccessTimestamp: 'config_last_reload_success_timestamp_seconds',
  /** Versions processed, by `result`. */
  reloadsTotal: 'config_reloads_total',
  /** Reading, validating and applying a version (seconds). */
  reloadDuration: 'config_reload_duration_seconds',
  /** The leading 48 bits of the `dynamic` or `static` checksum. */
  configHash: 'config_hash',
  /** Static flags whose ConfigMap value waits for a restart. */
  pendingRestart: 'flags_pending_restart',
  /** Keys of the last version that no declared flag has. */
  unknownKeys: 'config_unknown_keys',
  /** Real changes of each flag, from any source. */
  flagChanges: 'flag_changes_total',
  /** 1 for the current watch mode, 0 for the others. */
  watchMode: 'config_watch_mode',
  /** 1, labelled with the `..data` version that serves. */
  info: 'config_info',
  /** `status().ready`. */
  ready: 'config_ready',
  /** 1 when the newest version seen was refused in part or whole. */
  latestVersionRefused: 'config_latest_version_refused',
  /** Refused values (or a failed read) of the last version processed. */
  lastReloadErrors: 'config_last_reload_errors',
  /** Flags serving a fallback because their value was refused at start. */
  refusedAtStart: 'flags_refused_at_start',
  /** Flags holding a value set through the runtime setter, until it expires or is removed. */
  overriddenAtRuntime: 'flags_overridden_at_runtime',
  /** 1 while the ConfigMap directory is missing (`status().directoryMissing`). */
  directoryMissing: 'config_directory_missing',
} as const;
