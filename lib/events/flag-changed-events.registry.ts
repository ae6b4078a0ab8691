import type { FlagChangedEvent } from '../dflag.events.js';
import type { FlagChecksums } from '../configmap/reload-report.interface.js';
import type { FlagSource } from '../flags/flag-source.js';

/**
 * FlagChangedPayload is a `flag.changed` payload this library emitted: frozen data (its
 * `checksum` an accessor, hashed when first read) whose class is its mark. `@OnFlagChange` filters only these (see {@link isFlagChanged}), so a method
 * that also listens to other events (with a stacked `@OnEvent`) still receives them. A class,
 * not a registry of emitted objects: a payload costs no bookkeeping, and a lookalike object
 * (even one made from this prototype) does not pass the check.
 */
export class FlagChangedPayload implements FlagChangedEvent {
  readonly #mark = true;
  readonly #checksums: FlagChecksums;
  readonly #group: keyof FlagChecksums;
  /** One getter for every payload: a closure each would give every payload a shape of its own. */
  static readonly #checksum: PropertyDescriptor = {
    enumerable: true,
    get(this: FlagChangedPayload): string {
      return this.#checksums[this.#group];
    },
  };
  declare readonly name: string;
  declare readonly previous: unknown;
  declare readonly current: unknown;
  declare readonly source: FlagSource;
  declare readonly previousSource: FlagSource;
  declare readonly sensitive: boolean;
  declare readonly generation: number;
  /** An own, enumerable accessor (spread, `JSON.stringify` and `structuredClone` see it). */
  declare readonly checksum: string;
  declare readonly at: Date;
  declare readonly flagSet: string;
  declare readonly path: string;

  /**
   * `checksums` and `group` give `checksum`: the group's checksum right after the batch, hashed
   * when first read (by this payload or any other of the batch, or by the engine once the
   * version's events went out), never on the way from the swap to the listeners. It reads the
   * same whenever it is read: the set writes what it handed out before any later change.
   */
  constructor(
    name: string,
    previous: unknown,
    current: unknown,
    source: FlagSource,
    previousSource: FlagSource,
    sensitive: boolean,
    generation: number,
    checksums: FlagChecksums,
    group: keyof FlagChecksums,
    at: Date,
    flagSet: string,
    path: string,
  ) {
    this.name = name;
    this.previous = previous;
    this.current = current;
    this.source = source;
    this.previousSource = previousSource;
    this.sensitive = sensitive;
    this.generation = generation;
    this.#checksums = checksums;
    this.#group = group;
    Object.defineProperty(this, 'checksum', FlagChangedPayload.#checksum);
    this.at = at;
    this.flagSet = flagSet;
    this.path = path;
    Object.freeze(this);
  }

  /** is tells whether a value is one of these payloads (a private-field check, which no copy passes). */
  static is(value: unknown): value is FlagChangedPayload {
    return typeof value === 'object' && value !== null && #mark in value;
  }
}

/** isFlagChanged tells whether a listener argument is a `flag.changed` payload of this library. */
export function isFlagChanged(value: unknown): value is FlagChangedEvent {
  return FlagChangedPayload.is(value);
}
