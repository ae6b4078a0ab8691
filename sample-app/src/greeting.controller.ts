import { Controller, Get } from '@nestjs/common';
import { FlagService } from 'nestjs-dflag';
import type { AppFlags } from './flags.js';

/** GreetingController answers with values read from the flags on every request. */
@Controller()
export class GreetingController {
  constructor(private readonly flags: FlagService<AppFlags>) {}

  /** GET / reads the flags each time: a value copied in the constructor would never change. */
  @Get()
  greet(): { greeting: string; rateLimit: number; features: string[]; timeoutMs: number } {
    return {
      greeting: this.flags.get('greeting'),
      rateLimit: this.flags.get('rate_limit'),
      features: [...this.flags.get('features')].sort(),
      timeoutMs: this.flags.get('request_timeout'),
    };
  }
}
