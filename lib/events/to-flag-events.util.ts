import type { ReloadReport } from '../configmap/reload-report.interface.js';
import type { DflagEngine } from '../dflag-engine.interface.js';
import type { FlagChangedEvent, FlagReloadedEvent } from '../dflag.events.js';
import { REDACTED } from '../flags/redact.util.js';
import { markFlagChanged } from './flag-changed-events.registry.js';

/**
 * toFlagEvents turns one engine report into the bus payloads: a
 * `flag.changed` per real change and one `flag.reloaded`. Sensitive values
 * are replaced here, the one place a report leaves the library.
 */
export function toFlagEvents(
  report: ReloadReport,
  engine: Pick<DflagEngine, 'flagSet' | 'path'>,
): { changed: FlagChangedEvent[]; reloaded: FlagReloadedEvent } {
  const flagSet = engine.flagSet.name;
  const path = engine.path;
  const changed = report.changes.map((change): FlagChangedEvent => {
    const dynamic = engine.flagSet.find(change.name)?.dynamic ?? true;
    const event: FlagChangedEvent = Object.freeze({
      name: change.name,
      previous: change.sensitive ? REDACTED : change.previous,
      current: change.sensitive ? REDACTED : change.current,
      source: change.source,
      previousSource: change.previousSource,
      sensitive: change.sensitive,
      generation: report.generation,
      checksum: dynamic ? report.checksums.dynamic : report.checksums.static,
      at: change.at,
      flagSet,
      path,
    });
    return markFlagChanged(event);
  });
  const reloaded: FlagReloadedEvent = Object.freeze({
    ...report,
    changes: Object.freeze(changed),
    flagSet,
    path,
  });
  return { changed, reloaded };
}
