import type { DflagLogger } from './configmap/dflag-logger.interface.js';
import type { ConfigMapStatus } from './configmap/configmap-status.interface.js';
import type { ReloadReport } from './configmap/reload-report.interface.js';
import type { FlagSet } from './flags/flag-set.js';

/**
 * DflagEngine is what the Nest module needs from the thing that keeps a flag
 * set in step with its source: the `ConfigMapEngine` in production, an
 * in-memory engine in `DflagTestingModule`. The module depends on this shape
 * only, so that the test kit runs the same FlagService, lifecycle and events.
 */
export interface DflagEngine {
  /** The source's location (the mount directory), shown in events and health details. */
  readonly path: string;
  /** The flags the engine sets. */
  readonly flagSet: FlagSet;
  /** The logger of the registration's lines, when it has one (the test kit's engine has none). */
  readonly logger?: DflagLogger;
  /** Whether `initialize()` has succeeded. */
  readonly initialized: boolean;
  /** Reads the source once (static and dynamic flags). Idempotent: a second call returns the first report. */
  initialize(): Promise<ReloadReport>;
  /** Follows the source (dynamic flags only). Idempotent. */
  start(): Promise<void>;
  /** Closes everything the engine opened. Idempotent. */
  stop(): Promise<void>;
  /** Reads the source now. */
  reload(): Promise<ReloadReport>;
  /** The engine's state. */
  status(): ConfigMapStatus;
  /**
   * The number of versions processed (`status().generation`), read on every batch: an engine
   * that has it spares the module building a whole status per change.
   */
  readonly generation?: number;
  /**
   * The version serving (`status().version`), read on every change made outside the engine (an
   * override, `apply()`): an engine that has it, and {@link generation}, spares building a whole
   * status (its checksums hash every value) per change.
   */
  readonly version?: string | undefined;
  /**
   * The static flags whose source value waits for a restart (`status().pendingRestart`), read
   * after every version: an engine that has it spares building a whole status.
   */
  readonly pendingRestart?: readonly string[];
  /**
   * Subscribes to every version processed after the initial load; returns the
   * unsubscribe function. The flag-set batch that applies a version is tagged
   * with the engine (`BatchOptions.tag`) and is followed, synchronously, by
   * the version's report: that is how the module tells a version's changes
   * from changes made through the flag set itself.
   */
  onReload(listener: (report: ReloadReport) => void): () => void;
}
