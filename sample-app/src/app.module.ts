import { Module } from '@nestjs/common';
import type { DynamicModule } from '@nestjs/common';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { TerminusModule } from '@nestjs/terminus';
import { DflagModule } from 'nestjs-dflag';
import { DflagHealthIndicator } from 'nestjs-dflag/health';
import { ConfigDirCleanup, CREATED_CONFIG_DIR } from './config-dir.cleanup.js';
import { FlagChangeLogger } from './flag-change.logger.js';
import { FlagsController } from './flags.controller.js';
import { GreetingController } from './greeting.controller.js';
import { HealthController } from './health.controller.js';

/** AppModule wires the sample: flags from a ConfigMap directory, events, health. */
@Module({})
export class AppModule {
  /**
   * forDirectory binds the default flag set to the ConfigMap directory
   * `main.ts` loaded; a directory the sample created is removed at shutdown.
   */
  static forDirectory(path: string, created: boolean): DynamicModule {
    return {
      module: AppModule,
      imports: [
        EventEmitterModule.forRoot(),
        DflagModule.forRoot({ path, isGlobal: true }),
        TerminusModule,
      ],
      controllers: [GreetingController, FlagsController, HealthController],
      providers: [
        FlagChangeLogger,
        DflagHealthIndicator,
        ConfigDirCleanup,
        { provide: CREATED_CONFIG_DIR, useValue: created ? path : undefined },
      ],
    };
  }
}
