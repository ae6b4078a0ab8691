import type { ConfigMapStatus } from '../configmap/configmap-status.interface.js';
import type { ReloadReport } from '../configmap/reload-report.interface.js';
import type { FlagSet } from '../flags/flag-set.js';

/**
 * DflagProviderSource is what the provider reads besides the flags: the ConfigMap's status
 * (version, generation, which flags the newest version refused) and its reports. A
 * `ConfigMapEngine` and a `FlagService` are both sources; a bare `FlagSet` has none (its
 * values are then never `STALE`).
 */
export interface DflagProviderSource {
  /** The flags the provider resolves. */
  readonly flagSet: FlagSet;
  /** The ConfigMap's state. */
  status(): ConfigMapStatus;
  /** Subscribes to every version processed after the initial load; returns the unsubscribe function. */
  onReload(listener: (report: ReloadReport) => void): () => void;
  /** Loads the flags if not done yet (a `ConfigMapEngine`'s `initialize()`); idempotent. */
  initialize?(): Promise<unknown>;
}
