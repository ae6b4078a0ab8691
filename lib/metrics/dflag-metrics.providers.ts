import type { Provider } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { DFLAG_METRICS_OPTIONS, DFLAG_PROM_CLIENT } from './dflag-metrics.constants.js';
import type { ResolvedMetricsOptions } from './dflag-metrics-options.interface.js';
import { DflagMetricsLifecycle } from './dflag-metrics.lifecycle.js';
import { loadPromClient } from './load-prom-client.util.js';
import type { PromClient } from './load-prom-client.util.js';

/** createMetricsProviders: the checked options, prom-client (loaded at start: missing, it fails there), the lifecycle. */
export function createMetricsProviders(options: ResolvedMetricsOptions): Provider[] {
  return [
    { provide: DFLAG_METRICS_OPTIONS, useValue: options },
    { provide: DFLAG_PROM_CLIENT, useFactory: loadPromClient },
    {
      provide: DflagMetricsLifecycle,
      useFactory: (prom: PromClient, checked: ResolvedMetricsOptions, moduleRef: ModuleRef) =>
        new DflagMetricsLifecycle(prom, checked, moduleRef),
      inject: [DFLAG_PROM_CLIENT, DFLAG_METRICS_OPTIONS, ModuleRef],
    },
  ];
}
