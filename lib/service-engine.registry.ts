import type { DflagEngine } from './dflag-engine.interface.js';

/**
 * The engine behind each FlagService, for the library's own optional parts
 * (`nestjs-dflag/metrics`) that find a registration through its service and
 * need what the service does not publish: the engine's reports. Weak, so a
 * closed application's service and engine are collected.
 */
const engines = new WeakMap<object, DflagEngine>();

/** bindServiceEngine notes the engine of a FlagService (its constructor calls it). */
export function bindServiceEngine(service: object, engine: DflagEngine): void {
  engines.set(service, engine);
}

/** engineOfService is the engine of a FlagService, if it was bound. */
export function engineOfService(service: object): DflagEngine | undefined {
  return engines.get(service);
}
