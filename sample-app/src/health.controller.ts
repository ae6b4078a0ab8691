import { Controller, Get } from '@nestjs/common';
import { HealthCheck, HealthCheckService } from '@nestjs/terminus';
import type { HealthCheckResult } from '@nestjs/terminus';
import { DflagHealthIndicator } from 'nestjs-dflag/health';

/** HealthController: `up`, or `degraded` (still HTTP 200) while a bad ConfigMap is refused. */
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly dflag: DflagHealthIndicator,
  ) {}

  /** GET /health */
  @Get()
  @HealthCheck()
  check(): Promise<HealthCheckResult> {
    return this.health.check([() => this.dflag.isHealthy()]);
  }
}
