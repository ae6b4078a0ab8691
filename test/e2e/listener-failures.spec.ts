import { Injectable, Module } from '@nestjs/common';
import type { INestApplication } from '@nestjs/common';
import { EventEmitter2, EventEmitterModule, OnEvent } from '@nestjs/event-emitter';
import { Test } from '@nestjs/testing';
import { DflagEvent, DflagModule, FlagService, OnFlagChange } from '../../lib/index.js';
import type { FlagChangedEvent } from '../../lib/index.js';
import { eventually } from '../utils/eventually.js';
import { makeAppFlags } from './support/app-flags.js';
import { EventRecorder } from './support/recorder.js';
import { createVolume } from './support/volume.js';
import type { TestVolume } from './support/volume.js';

describe('misbehaving listeners never break or stall reloading', () => {
  let volume: TestVolume;
  let app: INestApplication | undefined;

  beforeEach(async () => {
    volume = await createVolume({ rate_limit: '1' });
  });

  afterEach(async () => {
    await app?.close();
    app = undefined;
    await volume.remove();
  });

  it('a throwing, a rejecting and a never-settling listener leave later versions and listeners intact', async () => {
    const { flagSet, flags } = makeAppFlags();
    let stalled = 0;
    @Injectable()
    class BadListeners {
      @OnEvent(DflagEvent.FlagChanged, { suppressErrors: false })
      async rejects(): Promise<void> {
        throw new Error('rejecting listener');
      }

      @OnFlagChange('rate_limit', { suppressErrors: false })
      throws(): void {
        throw new Error('throwing listener');
      }

      @OnEvent(DflagEvent.FlagReloaded)
      stalls(): Promise<void> {
        stalled += 1;
        return new Promise(() => undefined);
      }
    }
    @Module({
      imports: [EventEmitterModule.forRoot(), DflagModule.forRoot({ path: volume.dir, flagSet })],
      providers: [BadListeners, EventRecorder],
    })
    class AppModule {}
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
    // A raw listener that throws synchronously inside emit().
    app.get(EventEmitter2).on(DflagEvent.FlagChanged, () => {
      throw new Error('synchronous raw listener');
    });
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const recorder = app.get(EventRecorder);
      for (const value of [2, 3, 4]) {
        await volume.write({ rate_limit: String(value) });
        await eventually(() => expect(flags.rate_limit.get()).toBe(value));
      }
      await eventually(() => expect(recorder.reloaded).toHaveLength(3));
      expect(recorder.rateLimitChanges.map((e) => e.current)).toEqual([2, 3, 4]);
      expect(stalled).toBe(3);
      expect(unhandled).toEqual([]);
      // The engine is still healthy and watching.
      expect(app.get(FlagService).status()).toMatchObject({
        lastResult: 'applied',
        watchMode: 'events',
        generation: 4,
      });
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('@OnFlagChange hears only its flags, and several names in one subscription', async () => {
    const { flagSet } = makeAppFlags();
    @Injectable()
    class Listeners {
      readonly heard: string[] = [];
      readonly stackedHeard: string[] = [];
      readonly otherHeard: string[] = [];

      @OnFlagChange(['mode', 'api_key'])
      onEither(event: FlagChangedEvent): void {
        this.heard.push(event.name);
      }

      @OnFlagChange('rate_limit')
      @OnFlagChange('mode')
      stacked(event: FlagChangedEvent): void {
        this.stackedHeard.push(event.name);
      }

      @OnFlagChange('rate_limit', { flagSet: 'another-set' })
      otherSet(event: FlagChangedEvent): void {
        this.otherHeard.push(event.name);
      }
    }
    @Module({
      imports: [EventEmitterModule.forRoot(), DflagModule.forRoot({ path: volume.dir, flagSet })],
      providers: [Listeners, EventRecorder],
    })
    class AppModule {}
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
    await volume.write({ rate_limit: '2', mode: 'm', api_key: 'k' });
    const recorder = app.get(EventRecorder);
    await eventually(() => expect(recorder.reloaded).toHaveLength(1));
    // Listeners of one emit run in order; the recorder's reloaded event comes after every change.
    const listeners = app.get(Listeners);
    expect(listeners.heard.sort()).toEqual(['api_key', 'mode']);
    expect(listeners.stackedHeard.sort()).toEqual(['mode', 'rate_limit']);
    expect(listeners.otherHeard).toEqual([]);
  });
});
