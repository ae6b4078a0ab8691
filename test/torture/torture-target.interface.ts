import type { InvalidValuePolicy } from '../../lib/configmap/configmap-options.interface.js';
import type { ConfigMapStatus } from '../../lib/configmap/configmap-status.interface.js';
import type { DflagLogger } from '../../lib/configmap/dflag-logger.interface.js';
import type { FlagSet } from '../../lib/index.js';
import type { TortureChecker } from './torture-checker.js';

/** TortureTarget is what a run drives: the bare engine, or a Nest application around it. */
export interface TortureTarget {
  /** Loads and starts watching. */
  start(): Promise<void>;
  /** Stops everything it started. */
  stop(): Promise<void>;
  /** The engine's status. */
  status(): ConfigMapStatus;
  /** Listeners it holds (watcher, event bus, process), to tell whether they pile up. */
  listeners(): number;
}

/** What a target is built from. */
export interface TortureTargetContext {
  readonly dir: string;
  readonly flagSet: FlagSet;
  readonly policy: InvalidValuePolicy;
  readonly checker: TortureChecker;
  /** Where the library logs (each line is judged by the checker). */
  readonly logger: DflagLogger;
  /** Milliseconds between the engine's periodic checks (they race with events). */
  readonly resyncInterval: number;
}

/** TortureTargetFactory builds a target. */
export type TortureTargetFactory = (context: TortureTargetContext) => TortureTarget;
