import { Injectable, Module } from '@nestjs/common';
import type { INestApplication } from '@nestjs/common';
import { EventEmitter2, EventEmitterModule, OnEvent } from '@nestjs/event-emitter';
import { Test } from '@nestjs/testing';
import { DflagEvent, DflagModule, FlagService } from '../../lib/index.js';
import type { FlagChangedEvent, FlagReloadedEvent } from '../../lib/index.js';
import { listenerTotal } from './resource-probe.js';
import type { TortureTarget, TortureTargetFactory } from './torture-target.interface.js';

/**
 * nestTarget drives a real Nest application (DflagModule and
 * EventEmitterModule) whose `@OnEvent` listeners feed the checker: every
 * `flag.changed` is judged and a reader samples inside it, and
 * `flag.reloaded` is the stream of processed versions.
 */
export const nestTarget: TortureTargetFactory = (context): TortureTarget => {
  const { checker } = context;

  @Injectable()
  class TortureListeners {
    @OnEvent(DflagEvent.FlagChanged)
    onChanged(event: FlagChangedEvent): void {
      checker.heardChange({ ...event, onBus: true });
      checker.sample('flag.changed listener', event.generation);
    }

    @OnEvent(DflagEvent.FlagReloaded)
    onReloaded(event: FlagReloadedEvent): void {
      checker.onReport(event);
      checker.sample('flag.reloaded listener', event.generation);
    }
  }

  @Module({
    imports: [
      EventEmitterModule.forRoot(),
      DflagModule.forRoot({
        path: context.dir,
        flagSet: context.flagSet,
        onInvalid: context.policy,
        resyncInterval: context.resyncInterval,
        logger: context.logger,
      }),
    ],
    providers: [TortureListeners],
  })
  class TortureAppModule {}

  let app: INestApplication | undefined;
  const running = (): INestApplication => {
    if (!app) throw new Error('the Nest target is not started');
    return app;
  };
  return {
    start: async () => {
      const moduleRef = await Test.createTestingModule({ imports: [TortureAppModule] }).compile();
      app = moduleRef.createNestApplication({ logger: false });
      await app.init();
    },
    stop: async () => {
      await app?.close();
    },
    status: () => running().get(FlagService).status(),
    listeners: () => listenerTotal(process, running().get(EventEmitter2)),
  };
};
