import type { InspectOptions } from 'node:util';
import type { FlagChange } from './flag-change.interface.js';
import type { FlagSource } from './flag-source.js';
import type { InspectFunction } from './inspect-view.util.js';
import { INSPECT, inspectView } from './inspect-view.util.js';
import { REDACTED } from './redact.util.js';

/**
 * FlagChangeRecord is the {@link FlagChange} a flag set hands out: its fields are the real values
 * (in-process code reads them, by design), but printing it — `JSON.stringify`, `util.inspect`,
 * `console.log` of a change or of a report holding it — shows a sensitive flag's values as
 * `[redacted]`.
 */
export class FlagChangeRecord<T = unknown> implements FlagChange<T> {
  constructor(
    readonly name: string,
    readonly previous: T,
    readonly current: T,
    readonly source: FlagSource,
    readonly previousSource: FlagSource,
    readonly at: Date,
    readonly sensitive: boolean,
  ) {}

  /** toJSON is the change with a sensitive flag's values `[redacted]`. */
  toJSON(): FlagChange<T | string> {
    return {
      name: this.name,
      previous: this.sensitive ? REDACTED : this.previous,
      current: this.sensitive ? REDACTED : this.current,
      source: this.source,
      previousSource: this.previousSource,
      at: this.at,
      sensitive: this.sensitive,
    };
  }

  /**
   * What `util.inspect` shows: the {@link toJSON} view.
   * @internal
   */
  [INSPECT](depth?: number, options?: InspectOptions, inspect?: InspectFunction): string {
    return inspectView('FlagChange', this.toJSON(), depth, options, inspect);
  }
}
