import type { FlagChangedEvent } from '../dflag.events.js';
import type { FlagSource } from '../flags/flag-source.js';

/**
 * FlagChangedPayload is a `flag.changed` payload this library emitted: plain, frozen data whose
 * class is its mark. `@OnFlagChange` filters only these (see {@link isFlagChanged}), so a method
 * that also listens to other events (with a stacked `@OnEvent`) still receives them. A class,
 * not a registry of emitted objects: a payload costs one allocation, and a lookalike object
 * (even one made from this prototype) does not pass the check.
 */
export class FlagChangedPayload implements FlagChangedEvent {
  readonly #mark = true;

  constructor(
    readonly name: string,
    readonly previous: unknown,
    readonly current: unknown,
    readonly source: FlagSource,
    readonly previousSource: FlagSource,
    readonly sensitive: boolean,
    readonly generation: number,
    readonly checksum: string,
    readonly at: Date,
    readonly flagSet: string,
    readonly path: string,
  ) {
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
