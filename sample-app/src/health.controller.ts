import { Controller, Get } from '@nestjs/common';
import { HealthCheck, HealthCheckService } from '@nestjs/terminus';
import type { HealthCheckResult } from '@nestjs/terminus';
import { DflagHealthIndicator } from 'nestjs-dflag/health';
import { LIVENESS_PATH, READINESS_PATH } from './sample.constants.js';

/** HealthController: the two Kubernetes probes, and the full check for dashboards. */
@Controller()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly dflag: DflagHealthIndicator,
  ) {}

  /** livenessProbe: never depends on ConfigMap content (a restart cannot fix a bad value). */
  @Get(LIVENESS_PATH)
  @HealthCheck()
  live(): Promise<HealthCheckResult> {
    return this.health.check([() => this.dflag.isLive()]);
  }

  /** readinessProbe: 503 only while a pod started on refused values (`startOnInvalid: 'unready'`). */
  @Get(READINESS_PATH)
  @HealthCheck()
  ready(): Promise<HealthCheckResult> {
    return this.health.check([() => this.dflag.isReady()]);
  }

  /** GET /health: `up`, or `degraded` (still HTTP 200) while a bad ConfigMap is refused. */
  @Get('health')
  @HealthCheck()
  check(): Promise<HealthCheckResult> {
    return this.health.check([() => this.dflag.isHealthy()]);
  }
}
