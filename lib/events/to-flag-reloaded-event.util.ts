import type { ReloadReport } from '../configmap/reload-report.interface.js';
import type { FlagChangedEvent, FlagReloadedEvent } from '../dflag.events.js';

/**
 * toFlagReloadedEvent turns one engine report into its `flag.reloaded`
 * payload, carrying the `flag.changed` payloads already emitted for the
 * version (redacted) instead of the report's raw changes.
 */
export function toFlagReloadedEvent(
  report: ReloadReport,
  changed: readonly FlagChangedEvent[],
  where: { readonly flagSet: string; readonly path: string },
): FlagReloadedEvent {
  return Object.freeze({
    ...report,
    changes: Object.freeze([...changed]),
    flagSet: where.flagSet,
    path: where.path,
  });
}
