import type { FlagChangedEvent } from '../dflag.events.js';

/**
 * The `flag.changed` payloads this library emitted. `@OnFlagChange` filters
 * only these, so a method that also listens to other events (with a stacked
 * `@OnEvent`) still receives them.
 */
const emitted = new WeakSet<object>();

/** markFlagChanged records a payload as a `flag.changed` event of this library. */
export function markFlagChanged(event: FlagChangedEvent): FlagChangedEvent {
  emitted.add(event);
  return event;
}

/** isFlagChanged tells whether a listener argument is a `flag.changed` payload of this library. */
export function isFlagChanged(value: unknown): value is FlagChangedEvent {
  return typeof value === 'object' && value !== null && emitted.has(value);
}
