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
 * `[redacted]`. A sensitive flag's values are not even fields of it: they are read through
 * getters, so that what walks an object's fields instead of asking for its view (`node:assert`'s
 * diff, a spread, `structuredClone`, `Object.entries`) finds none. Create one with
 * {@link FlagChangeRecord.of}.
 */
export abstract class FlagChangeRecord<T = unknown> implements FlagChange<T> {
  abstract readonly previous: T;
  abstract readonly current: T;

  protected constructor(
    readonly name: string,
    readonly source: FlagSource,
    readonly previousSource: FlagSource,
    readonly at: Date,
    readonly sensitive: boolean,
  ) {}

  /** of is the record of one change: a sensitive flag's keeps its values out of its fields. */
  static of<T>(
    name: string,
    previous: T,
    current: T,
    source: FlagSource,
    previousSource: FlagSource,
    at: Date,
    sensitive: boolean,
  ): FlagChangeRecord<T> {
    return sensitive
      ? new SensitiveChangeRecord(name, previous, current, source, previousSource, at)
      : new PlainChangeRecord(name, previous, current, source, previousSource, at);
  }

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

/** A plain flag's change: its values are fields. */
class PlainChangeRecord<T> extends FlagChangeRecord<T> {
  constructor(
    name: string,
    readonly previous: T,
    readonly current: T,
    source: FlagSource,
    previousSource: FlagSource,
    at: Date,
  ) {
    super(name, source, previousSource, at, false);
  }
}

/** A sensitive flag's change: its values are private, read through getters. */
class SensitiveChangeRecord<T> extends FlagChangeRecord<T> {
  readonly #previous: T;
  readonly #current: T;

  constructor(
    name: string,
    previous: T,
    current: T,
    source: FlagSource,
    previousSource: FlagSource,
    at: Date,
  ) {
    super(name, source, previousSource, at, true);
    this.#previous = previous;
    this.#current = current;
  }

  get previous(): T {
    return this.#previous;
  }

  get current(): T {
    return this.#current;
  }
}
