import { Module } from '@nestjs/common';
import type { DynamicModule } from '@nestjs/common';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { TerminusModule } from '@nestjs/terminus';
import { DflagListingModule, DflagModule } from 'nestjs-dflag';
import type { DflagOptions } from 'nestjs-dflag';
import { DflagHealthIndicator } from 'nestjs-dflag/health';
import { DflagMetricsModule } from 'nestjs-dflag/metrics';
import { DflagOpenFeatureModule } from 'nestjs-dflag/openfeature';
import { ConfigDirCleanup, CREATED_CONFIG_DIR } from './config-dir.cleanup.js';
import { FlagChangeLogger } from './flag-change.logger.js';
import { GreetingController } from './greeting.controller.js';
import { HealthController } from './health.controller.js';
import { InternalListener } from './internal-listener.js';
import { InternalListenerCloser } from './internal-listener.closer.js';
import { InternalPortGuard } from './internal-port.guard.js';
import { MetricsController } from './metrics.controller.js';
import { OpenFeatureController } from './openfeature.controller.js';
import { LISTING_PATH, OPENFEATURE_DOMAIN } from './sample.constants.js';

/** How AppModule.forRoot() is set up by main.ts. */
export interface AppOptions {
  /** The options main.ts gave `loadFlags()`: one object, so the module binds what was loaded. */
  dflag: DflagOptions;
  /** Whose port the listing and /metrics answer on. */
  internal: InternalListener;
  /** The directory the sample laid out itself (removed at shutdown), if it did. */
  created: string | undefined;
}

/** AppModule wires the sample: flags, events, probes, listing, metrics, OpenFeature. */
@Module({})
export class AppModule {
  static forRoot({ dflag, internal, created }: AppOptions): DynamicModule {
    const listener = { provide: InternalListener, useValue: internal };
    return {
      module: AppModule,
      imports: [
        EventEmitterModule.forRoot(),
        DflagModule.forRoot(dflag),
        DflagListingModule.register({
          path: LISTING_PATH,
          guards: [InternalPortGuard],
          providers: [listener],
        }),
        DflagMetricsModule.register(),
        DflagOpenFeatureModule.forRoot({ domain: OPENFEATURE_DOMAIN }),
        TerminusModule,
      ],
      controllers: [GreetingController, HealthController, OpenFeatureController, MetricsController],
      providers: [
        FlagChangeLogger,
        DflagHealthIndicator,
        ConfigDirCleanup,
        InternalListenerCloser,
        { provide: CREATED_CONFIG_DIR, useValue: created },
        listener,
      ],
    };
  }
}
