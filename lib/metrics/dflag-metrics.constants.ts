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
  lastReloadSuccessful: 'config_last_reload_successful',
  lastReloadSuccessTimestamp: 'config_last_reload_success_timestamp_seconds',
  reloadsTotal: 'config_reloads_total',
  reloadDuration: 'config_reload_duration_seconds',
  configHash: 'config_hash',
  pendingRestart: 'flags_pending_restart',
  unknownKeys: 'config_unknown_keys',
  flagChanges: 'flag_changes_total',
  watchMode: 'config_watch_mode',
  info: 'config_info',
  ready: 'config_ready',
  latestVersionRefused: 'config_latest_version_refused',
  lastReloadErrors: 'config_last_reload_errors',
  refusedAtStart: 'flags_refused_at_start',
  overriddenAtRuntime: 'flags_overridden_at_runtime',
} as const;
