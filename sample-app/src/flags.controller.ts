import { Controller, Get } from '@nestjs/common';
import { FlagService } from 'nestjs-dflag';
import type { ConfigMapStatus, FlagInfo } from 'nestjs-dflag';
import type { AppFlags } from './flags.js';

/** FlagsController lists the live flags (sensitive values redacted) and the ConfigMap's status. */
@Controller('flags')
export class FlagsController {
  constructor(private readonly flags: FlagService<AppFlags>) {}

  /** GET /flags */
  @Get()
  list(): { flags: FlagInfo[]; status: ConfigMapStatus } {
    return { flags: this.flags.list(), status: this.flags.status() };
  }
}
