import type { ReloadReport } from './configmap/reload-report.interface.js';
import type { FlagSource } from './flags/flag-source.js';
import type { REDACTED } from './flags/redact.util.js';

/**
 * DflagEvent names the events DflagModule emits on the Nest event bus
 * (`@nestjs/event-emitter`). Subscribe with `@OnEvent(DflagEvent.FlagChanged)`
 * or, for one flag, `@OnFlagChange('name')`.
 */
export const DflagEvent = {
  /** One per flag whose value really changed after start; carries a {@link FlagChangedEvent}. */
  FlagChanged: 'flag.changed',
  /** One per ConfigMap version processed after start; carries a {@link FlagReloadedEvent}. */
  FlagReloaded: 'flag.reloaded',
} as const;
export type DflagEvent = (typeof DflagEvent)[keyof typeof DflagEvent];

/** Redacted is what an event carries instead of a sensitive flag's value. */
export type Redacted = typeof REDACTED;

/**
 * FlagChangedEvent is the payload of `flag.changed`: one flag's real change.
 * Values of sensitive flags are `'[redacted]'`; read the handle's `get()` for
 * the value itself.
 */
export interface FlagChangedEvent<T = unknown> {
  /** The flag's name. */
  readonly name: string;
  /** The value before the change (`'[redacted]'` when sensitive). */
  readonly previous: T | Redacted;
  /** The value after the change (`'[redacted]'` when sensitive). */
  readonly current: T | Redacted;
  /** The layer the new value comes from (`configmap`, or the next layer down when a key was removed). */
  readonly source: FlagSource;
  /** The layer the previous value came from. */
  readonly previousSource: FlagSource;
  /** Whether the flag is sensitive (its values are redacted). */
  readonly sensitive: boolean;
  /** The generation of the version that made the change (see `ReloadReport.generation`). */
  readonly generation: number;
  /** The checksum of the flag's group (dynamic or static flags) after the change, to compare replicas. */
  readonly checksum: string;
  /** When the change was applied. */
  readonly at: Date;
  /** The name of the flag set. */
  readonly flagSet: string;
  /** The ConfigMap directory. */
  readonly path: string;
}

/**
 * FlagReloadedEvent is the payload of `flag.reloaded`: one processed
 * ConfigMap version, i.e. the engine's {@link ReloadReport} (result, errors,
 * warnings, checksums, duration, generation, trigger, version, time) with its
 * changes redacted like `flag.changed`, and the set and directory it is about.
 */
export interface FlagReloadedEvent extends Omit<ReloadReport, 'changes'> {
  /** Every real change of the version, redacted like `flag.changed`. */
  readonly changes: readonly FlagChangedEvent[];
  /** The name of the flag set. */
  readonly flagSet: string;
  /** The ConfigMap directory. */
  readonly path: string;
}
