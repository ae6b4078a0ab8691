import type { OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type { ModuleRef } from '@nestjs/core';
import type { Registry } from 'prom-client';
import { getFlagServiceToken } from '../decorators/inject-flag-service.decorator.js';
import { DflagSetupError } from '../errors/dflag-setup.error.js';
import type { FlagService } from '../flag.service.js';
import { engineOfService } from '../service-engine.registry.js';
import type { ResolvedMetricsOptions } from './dflag-metrics-options.interface.js';
import { FlagSetMetricsSource } from './flag-set-metrics.source.js';
import type { PromClient } from './load-prom-client.util.js';
import { metricsMessages } from './metrics-messages.constant.js';
import { attachSource, detachSource } from './metrics-collectors.registry.js';

/**
 * DflagMetricsLifecycle puts one registration's series into the registry
 * when the application initializes — every provider exists by then, and the
 * registration's engine has loaded, so every series is there from the
 * start, on fallbacks or unready too — and takes them out when it closes.
 */
export class DflagMetricsLifecycle implements OnModuleInit, OnModuleDestroy {
  private source: FlagSetMetricsSource | undefined;
  private readonly registry: Registry;

  constructor(
    private readonly prom: PromClient,
    private readonly options: ResolvedMetricsOptions,
    private readonly moduleRef: ModuleRef,
  ) {
    this.registry = options.registry ?? prom.register;
  }

  async onModuleInit(): Promise<void> {
    const engine = engineOfService(this.flagService());
    if (!engine) throw new DflagSetupError(metricsMessages.noRegistration(this.options.name));
    // Idempotent: the initial load's report, counted as the first version.
    const initial = await engine.initialize();
    const source = new FlagSetMetricsSource(this.options.name, engine, initial);
    try {
      attachSource(this.prom, this.registry, this.options.prefix, source);
    } catch (error) {
      source.close();
      throw error;
    }
    this.source = source;
  }

  onModuleDestroy(): void {
    if (!this.source) return;
    detachSource(this.registry, this.options.prefix, this.source);
    this.source.close();
    this.source = undefined;
  }

  private flagService(): FlagService {
    try {
      // strict: false finds the registration wherever DflagModule was imported.
      return this.moduleRef.get<FlagService>(getFlagServiceToken(this.options.name), {
        strict: false,
      });
    } catch (error) {
      throw new DflagSetupError(metricsMessages.noRegistration(this.options.name), {
        cause: error,
      });
    }
  }
}
