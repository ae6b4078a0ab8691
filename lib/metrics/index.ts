/**
 * Prometheus metrics of the flag sets and their ConfigMaps (needs `prom-client`).
 *
 * @packageDocumentation
 * @module nestjs-dflag/metrics
 */
export { DflagMetricsModule } from './dflag-metrics.module.js';
export type { DflagMetricsOptions } from './dflag-metrics-options.interface.js';
export { configHashValue } from './config-hash.util.js';
export { DEFAULT_METRICS_PREFIX, METRIC_NAMES } from './dflag-metrics.constants.js';
