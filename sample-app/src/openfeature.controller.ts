import { Controller, Get } from '@nestjs/common';
import type { Client, FlagMetadata } from '@openfeature/server-sdk';
import { InjectOpenFeatureClient } from 'nestjs-dflag/openfeature';
import { OPENFEATURE_DOMAIN } from './sample.constants.js';

/** What GET /openfeature answers with: an OpenFeature evaluation's details. */
export interface Evaluation {
  flag: string;
  value: number;
  reason: string | undefined;
  errorCode: string | undefined;
  metadata: FlagMetadata;
}

/** OpenFeatureController reads a flag the way OpenFeature-based code does. */
@Controller()
export class OpenFeatureController {
  constructor(@InjectOpenFeatureClient(OPENFEATURE_DOMAIN) private readonly client: Client) {}

  /** GET /openfeature evaluates `example_my_dynamic_int` through the DflagProvider. */
  @Get('openfeature')
  async evaluate(): Promise<Evaluation> {
    const details = await this.client.getNumberDetails('example_my_dynamic_int', -1);
    return {
      flag: details.flagKey,
      value: details.value,
      reason: details.reason,
      errorCode: details.errorCode,
      metadata: details.flagMetadata,
    };
  }
}
