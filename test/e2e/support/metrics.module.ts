import { Controller, Get, Header, Module } from '@nestjs/common';
import type { DynamicModule } from '@nestjs/common';
import { register } from 'prom-client';
import type { Registry } from 'prom-client';

/**
 * metricsRoute: the application's own `/metrics`, as the README shows it —
 * the registry's text with its content type — serving `registry`.
 */
export function metricsRoute(registry: Registry = register): DynamicModule {
  @Controller()
  class MetricsController {
    @Get('metrics')
    @Header('Content-Type', registry.contentType)
    metrics(): Promise<string> {
      return registry.metrics();
    }
  }
  @Module({})
  class MetricsRouteModule {}
  return { module: MetricsRouteModule, controllers: [MetricsController] };
}
