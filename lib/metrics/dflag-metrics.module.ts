import { Module } from '@nestjs/common';
import type { DynamicModule } from '@nestjs/common';
import { checkMetricsOptions } from './check-metrics-options.util.js';
import type { DflagMetricsOptions } from './dflag-metrics-options.interface.js';
import { createMetricsProviders } from './dflag-metrics.providers.js';

/**
 * DflagMetricsModule registers Prometheus metrics of one DflagModule
 * registration in a prom-client registry, from the application's start
 * until it closes. It serves no route: serve the registry's `metrics()` from
 * your own `/metrics` (on an internal port), with your other metrics.
 *
 * ```ts
 * imports: [DflagModule.forRoot('/etc/dflag'), DflagMetricsModule.register()]
 * ```
 *
 * Imported from `nestjs-dflag/metrics`, so that `prom-client` stays an
 * optional peer of `nestjs-dflag`.
 */
@Module({})
export class DflagMetricsModule {
  /**
   * register adds the metrics of one registration (`name`, default
   * `'default'`) to `registry` (default prom-client's global `register`)
   * under `prefix` (default `'dflag_'`); once per registration, each its own
   * `flagset` label. The options are checked here: a value of the wrong kind
   * or a misspelt name throws a `DflagSetupError` naming it.
   */
  static register(options: DflagMetricsOptions = {}): DynamicModule {
    return {
      module: DflagMetricsModule,
      providers: createMetricsProviders(checkMetricsOptions(options)),
    };
  }
}
