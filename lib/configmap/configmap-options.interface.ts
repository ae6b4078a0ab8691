import type { FlagSet } from '../flags/flag-set.js';
import type { DflagLogger } from './dflag-logger.interface.js';

/**
 * InvalidValuePolicy: what a version with a refused value does.
 * - `keep-last-good`: every valid key applies; each refused key keeps its value (dflag's behaviour).
 * - `reject-version`: nothing of the version applies.
 */
export type InvalidValuePolicy = 'keep-last-good' | 'reject-version';

/** StartOnInvalid: what start-up does with refused values (see {@link ConfigMapEngineOptions.startOnInvalid}). */
export type StartOnInvalid = boolean | 'unready';

/**
 * ConfigMapEngineOptions configures the reading and watching of one mounted
 * ConfigMap. Every option is checked at construction: a value of the wrong
 * kind, or a name that is not an option (a typo), throws a
 * `DflagSetupError` naming it and what would be accepted.
 */
export interface ConfigMapEngineOptions {
  /** The directory the ConfigMap volume is mounted at, e.g. `/etc/dflag`. */
  path: string;
  /** The flags the ConfigMap's keys set. */
  flagSet: FlagSet;
  /**
   * What a version with a refused value does after start.
   * @default 'keep-last-good'
   */
  onInvalid?: InvalidValuePolicy;
  /**
   * What `initialize()` does when some values are refused:
   * - `false`: it throws one error listing every bad key (a typo should not
   *   reach production silently);
   * - `true`: the application starts on the valid values plus fallbacks,
   *   ready at once, and reports itself degraded;
   * - `'unready'` (recommended in Kubernetes): it starts on fallbacks for the
   *   refused dynamic flags but reports itself *not ready*
   *   (`status().ready`) until no flag serves a fallback caused by a refusal —
   *   without a restart, once a fixed ConfigMap arrives. A pod that was ready
   *   never turns unready because of ConfigMap content. A refused *static*
   *   flag still fails start-up: only a restart can apply its fixed value,
   *   and a crash-looping pod restarts on its own.
   * @default false
   */
  startOnInvalid?: StartOnInvalid;
  /**
   * Whether the directory may be missing (like a ConfigMap volume's
   * `optional: true`): the flags then start on their fallbacks and the
   * directory is picked up when it appears.
   * @default false
   */
  optional?: boolean;
  /**
   * Milliseconds between cheap consistency checks (`readlink(..data)` or file
   * fingerprints) that catch lost events: inotify overflow, filesystems
   * without inotify, a dead watcher. `0` disables it; otherwise an integer
   * from 10 to 86 400 000 (one day): anything else (NaN, a string, seconds
   * meant as milliseconds) is refused at construction.
   * @default 5000
   */
  resyncInterval?: number;
  /**
   * Milliseconds a plain (non-kubelet) directory must be quiet before it is
   * re-read: editors and `echo > file` write in bursts. The kubelet layout
   * never waits: its `..data` swap is atomic. An integer from 0 to 60 000
   * (one minute).
   * @default 100
   */
  settleDelay?: number;
  /**
   * Whether chokidar polls instead of using inotify (network and FUSE
   * filesystems).
   * @default false
   */
  usePolling?: boolean;
  /**
   * Where warnings and errors go. Values of sensitive flags never reach it.
   * @default a logger that writes warnings and errors to stderr
   */
  logger?: DflagLogger;
}

/**
 * EffectiveEngineOptions are the options an engine runs with, every default
 * filled in (the logger aside), as `status().options` shows them.
 */
export type EffectiveEngineOptions = Readonly<
  Required<Omit<ConfigMapEngineOptions, 'path' | 'flagSet' | 'logger'>>
>;
