import {
  Controller,
  ForbiddenException,
  Get,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import { FlagService } from 'nestjs-dflag';
import type { AppFlags } from './flags.js';
import { RateLimiter } from './rate-limiter.js';

/** What GET / answers with. */
export interface Greeting {
  message: string;
  number: number;
  features: string[];
  policy: { policy: 'allow' | 'deny'; rate: number };
}

/** GreetingController answers GET / from the flags, read on every request. */
@Controller()
export class GreetingController {
  private readonly logger = new Logger(GreetingController.name);
  private readonly limiter = new RateLimiter();

  constructor(private readonly flags: FlagService<AppFlags>) {}

  /**
   * GET / applies `example_my_dynamic_json`: `deny` answers 403, more than `rate` requests in a
   * second 429; otherwise the string. A value copied in the constructor would never change.
   */
  @Get()
  greet(): Greeting {
    const policy = this.flags.get('example_my_dynamic_json');
    this.logger.debug(`GET / under policy ${policy.policy}, rate ${policy.rate}/s`);
    if (policy.policy === 'deny') throw new ForbiddenException('denied by example_my_dynamic_json');
    if (!this.limiter.admit(policy.rate)) {
      throw new HttpException(
        `more than ${policy.rate} requests/s (example_my_dynamic_json.rate)`,
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
    return {
      message: this.flags.get('example_my_dynamic_string'),
      number: this.flags.get('example_my_dynamic_int'),
      features: [...this.flags.get('example_features')].sort(),
      policy: { policy: policy.policy, rate: policy.rate },
    };
  }
}
