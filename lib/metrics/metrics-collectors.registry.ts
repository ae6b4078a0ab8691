import type { Registry } from 'prom-client';
import { DflagMetricsCollector } from './dflag-metrics.collector.js';
import type { FlagSetMetricsSource } from './flag-set-metrics.source.js';
import type { PromClient } from './load-prom-client.util.js';

/**
 * The collector of each registry and prefix in this process: every
 * registration (and every application) registering in the same registry
 * under the same prefix shares one, and it leaves the registry with the last
 * of them, so that a next application or test can register again.
 */
const collectors = new WeakMap<Registry, Map<string, DflagMetricsCollector>>();

/** attachSource adds a registration's series to the registry (see {@link DflagMetricsCollector.attach}). */
export function attachSource(
  prom: PromClient,
  registry: Registry,
  prefix: string,
  source: FlagSetMetricsSource,
): void {
  let byPrefix = collectors.get(registry);
  if (!byPrefix) collectors.set(registry, (byPrefix = new Map()));
  const collector = byPrefix.get(prefix) ?? new DflagMetricsCollector(prom, registry, prefix);
  collector.attach(source);
  byPrefix.set(prefix, collector);
}

/** detachSource removes a registration's series, and the metrics with the last one. */
export function detachSource(
  registry: Registry,
  prefix: string,
  source: FlagSetMetricsSource,
): void {
  const byPrefix = collectors.get(registry);
  const collector = byPrefix?.get(prefix);
  if (!byPrefix || !collector) return;
  collector.detach(source);
  if (collector.empty) byPrefix.delete(prefix);
}
