import type { DflagEngine } from '../dflag-engine.interface.js';

/** What tells when an engine's events have been delivered (the Nest module's publisher). */
interface Delivery {
  delivered(): Promise<void>;
}

const deliveries = new WeakMap<DflagEngine, Delivery>();

/** registerDelivery notes the publisher that puts an engine's changes on the bus. */
export function registerDelivery(engine: DflagEngine, delivery: Delivery): void {
  deliveries.set(engine, delivery);
}

/**
 * deliveredFor resolves once the events of every change of the engine made so far have reached
 * their listeners (at once when no Nest module publishes for it).
 */
export function deliveredFor(engine: DflagEngine): Promise<void> {
  return deliveries.get(engine)?.delivered() ?? Promise.resolve();
}
