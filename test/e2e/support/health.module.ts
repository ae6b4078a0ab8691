import { Controller, Get, Module, Query } from '@nestjs/common';
import { HealthCheck, HealthCheckService, TerminusModule } from '@nestjs/terminus';
import { DflagHealthIndicator } from '../../../lib/health/index.js';

/** The routes an application serves its dflag checks on: `/health` (`?strict=true`), `/livez`, `/readyz`. */
@Controller()
class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly dflag: DflagHealthIndicator,
  ) {}

  @Get('health')
  @HealthCheck()
  check(@Query('strict') strict?: string) {
    return this.health.check([() => this.dflag.isHealthy('dflag', { strict: strict === 'true' })]);
  }

  @Get('livez')
  @HealthCheck()
  live() {
    return this.health.check([() => this.dflag.isLive()]);
  }

  @Get('readyz')
  @HealthCheck()
  ready() {
    return this.health.check([() => this.dflag.isReady()]);
  }
}

/** HealthModule: Terminus with the dflag indicator, as an application's health module holds it. */
@Module({
  imports: [TerminusModule.forRoot({ logger: false })],
  controllers: [HealthController],
  providers: [DflagHealthIndicator],
})
export class HealthModule {}
