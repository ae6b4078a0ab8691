import type { ReloadReport } from './configmap/reload-report.interface.js';
import type { FlagSource } from './flags/flag-source.js';
import type { REDACTED } from './flags/redact.util.js';

/**
 * DflagEvent names the events DflagModule emits on the Nest event bus
 * (`@nestjs/event-emitter`). Subscribe with `@OnEvent(DflagEvent.FlagChanged)`
 * or, for one flag, `@OnFlagChange('name')`.
 */
export const DflagEvent = {
  /**
   * One per flag whose value really changed after start, whatever changed it
   * (a ConfigMap version, `override()`, `apply()`, the environment, the
   * command line, the test kit); carries a {@link FlagChangedEvent}.
   */
  FlagChanged: 'flag.changed',
  /**
   * One per ConfigMap version processed after start (or test-kit version),
   * after that version's `flag.changed` events; carries a
   * {@link FlagReloadedEvent}. A change not from the ConfigMap emits none.
   */
  FlagReloaded: 'flag.reloaded',
} as const;
export type DflagEvent = (typeof DflagEvent)[keyof typeof DflagEvent];

/** Redacted is what an event carries instead of a sensitive flag's value. */
export type Redacted = typeof REDACTED;

/**
 * FlagChangedEvent is the payload of `flag.changed`: one flag's real change,
 * from any source, emitted once, in the order changes were swapped in.
 * Values of sensitive flags are `'[redacted]'`; read the handle's `get()` for
 * the value itself. The layer that was written is the higher of `source` and
 * `previousSource` (undoing an override: `previousSource: 'override'`).
 */
export interface FlagChangedEvent<T = unknown> {
  /** The flag's name. */
  readonly name: string;
  /** The value before the change (`'[redacted]'` when sensitive). */
  readonly previous: T | Redacted;
  /** The value after the change (`'[redacted]'` when sensitive). */
  readonly current: T | Redacted;
  /**
   * The layer the new value comes from: `configmap` for a ConfigMap value,
   * the next layer down when a key or an override was removed, `override`
   * for `override()` and the test kit, `environment`, `command-line`.
   */
  readonly source: FlagSource;
  /** The layer the previous value came from. */
  readonly previousSource: FlagSource;
  /** Whether the flag is sensitive (its values are redacted). */
  readonly sensitive: boolean;
  /**
   * The generation of the ConfigMap version that made the change (see
   * `ReloadReport.generation`); for a change not from the ConfigMap, the
   * engine's generation at the time, unchanged (the version in force: such a
   * change counts no version, so `generation` keeps meaning "versions
   * processed" everywhere).
   */
  readonly generation: number;
  /**
   * The checksum of the flag's group (dynamic or static flags) right after the change's batch,
   * to compare replicas. Hashed when first read, so that a listener that does not read it does
   * not wait for it; it reads the same whenever it is read.
   */
  readonly checksum: string;
  /** When the change was applied. */
  readonly at: Date;
  /** The name of the flag set. */
  readonly flagSet: string;
  /**
   * The registration's ConfigMap directory, whatever made the change (the
   * test kit's placeholder path under `DflagTestingModule`).
   */
  readonly path: string;
}

/**
 * FlagReloadedEvent is the payload of `flag.reloaded`: one processed
 * ConfigMap version, i.e. the engine's {@link ReloadReport} (result, errors,
 * warnings, checksums, duration, generation, trigger, version, time) with its
 * changes redacted like `flag.changed`, and the set and directory it is about.
 * Only versions emit it: a change made through the flag set itself
 * (`override()`, `apply()`, …) emits `flag.changed` alone.
 */
export interface FlagReloadedEvent extends Omit<ReloadReport, 'changes'> {
  /** Every real change of the version: the very `flag.changed` payloads emitted before it (not changes made meanwhile through the set). */
  readonly changes: readonly FlagChangedEvent[];
  /** The name of the flag set. */
  readonly flagSet: string;
  /** The ConfigMap directory. */
  readonly path: string;
}
