/** DflagHealthOptions tunes one `DflagHealthIndicator.isHealthy()` check. */
export interface DflagHealthOptions {
  /**
   * Whether a degraded state answers `down` (HTTP 503) instead of `degraded`
   * (HTTP 200). Off by default: a bad ConfigMap reaches every pod at once, and
   * failing readiness on it takes the whole fleet out of service while the
   * last good values would have served. Turn it on only where a pod must not
   * serve on anything but the current ConfigMap.
   * @default false
   */
  strict?: boolean;
  /**
   * The DflagModule registration to check (its `name`), for a second flag set.
   * @default 'default'
   */
  name?: string;
}
