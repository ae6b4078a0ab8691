import type { FlagSource } from './flag-source.js';

/**
 * FlagChange describes one real change of a flag's value (for a sensitive flag, also the same
 * value coming from another layer: see `Flag.onChange`). It is the one
 * shape every change report uses: handle subscriptions, batch results, the
 * set's batch listeners, and (extended with generation and checksum) the
 * `flag.changed` event.
 */
export interface FlagChange<T = unknown> {
  /** The flag's name. */
  readonly name: string;
  /** The value before the change. */
  readonly previous: T;
  /** The value after the change. */
  readonly current: T;
  /** The layer the new value comes from. */
  readonly source: FlagSource;
  /** The layer the previous value came from. */
  readonly previousSource: FlagSource;
  /** When the change was applied. */
  readonly at: Date;
  /** Whether the flag is sensitive: show values only through `redact`. */
  readonly sensitive: boolean;
}

/** FlagChangeListener receives the changes of one flag. */
export type FlagChangeListener<T> = (change: FlagChange<T>) => void;
