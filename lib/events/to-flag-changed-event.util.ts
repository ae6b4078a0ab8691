import type { FlagChecksums } from '../configmap/reload-report.interface.js';
import type { FlagChangedEvent } from '../dflag.events.js';
import type { FlagChange } from '../flags/flag-change.interface.js';
import type { FlagSet } from '../flags/flag-set.js';
import { REDACTED } from '../flags/redact.util.js';
import { FlagChangedPayload } from './flag-changed-events.registry.js';

/** ChangeContext is what a `flag.changed` payload adds to a flag set's change. */
export interface ChangeContext {
  readonly flagSet: FlagSet;
  /** The registration's directory (the engine's path). */
  readonly path: string;
  /** The version that made the change, or the one in force when it was made. */
  readonly generation: number;
  /**
   * The set's checksums right after the change's batch was swapped in (`FlagSet.checksumsNow`:
   * each is written when first read, once per swap, whichever payload reads it first).
   */
  readonly checksums: FlagChecksums;
}

/**
 * toFlagChangedEvent turns one change into its `flag.changed` payload.
 * Sensitive values are replaced here, the one place a change leaves the
 * library for the bus.
 */
export function toFlagChangedEvent(change: FlagChange, context: ChangeContext): FlagChangedEvent {
  const dynamic = context.flagSet.find(change.name)?.dynamic ?? true;
  return new FlagChangedPayload(
    change.name,
    change.sensitive ? REDACTED : change.previous,
    change.sensitive ? REDACTED : change.current,
    change.source,
    change.previousSource,
    change.sensitive,
    context.generation,
    context.checksums,
    dynamic ? 'dynamic' : 'static',
    change.at,
    context.flagSet.name,
    context.path,
  );
}
