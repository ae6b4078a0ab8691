import { Controller, Get, Header, UseGuards } from '@nestjs/common';
import { register } from 'prom-client';
import { InternalPortGuard } from './internal-port.guard.js';
import { METRICS_PATH } from './sample.constants.js';

/** MetricsController serves prom-client's registry (the dflag_* series among them). */
@Controller()
export class MetricsController {
  /** GET /metrics, on the internal port only (403 on the public one). */
  @Get(METRICS_PATH)
  @UseGuards(InternalPortGuard)
  @Header('Content-Type', register.contentType)
  metrics(): Promise<string> {
    return register.metrics();
  }
}
