import { Injectable, Module } from '@nestjs/common';
import type { INestApplication } from '@nestjs/common';
import { EventEmitterModule, OnEvent } from '@nestjs/event-emitter';
import { Test } from '@nestjs/testing';
import { DflagEvent, DflagModule, FlagService } from '../../lib/index.js';
import type { FlagSet } from '../../lib/index.js';
import { makeAppFlags } from '../e2e/support/app-flags.js';
import { EventRecorder } from '../e2e/support/recorder.js';
import { createVolume } from '../e2e/support/volume.js';
import type { TestVolume } from '../e2e/support/volume.js';
import { eventually } from '../utils/eventually.js';
import { openDescriptors, settle, trackResources } from '../utils/resource-tracker.js';
import { blockFor, recordProcessFaults } from './process-faults.js';
import type { ProcessFaults } from './process-faults.js';

/** A listener whose handlers hang forever and block the event loop. */
@Injectable()
class StubbornListeners {
  @OnEvent(DflagEvent.FlagChanged)
  hang(): Promise<void> {
    return new Promise(() => undefined);
  }

  @OnEvent(DflagEvent.FlagChanged)
  block(): void {
    blockFor(10);
  }

  @OnEvent(DflagEvent.FlagReloaded, { suppressErrors: false })
  throwNull(): void {
    throw null;
  }
}

async function startApp(flagSet: FlagSet, path: string): Promise<INestApplication> {
  @Module({
    imports: [
      EventEmitterModule.forRoot(),
      DflagModule.forRoot({ path, flagSet, resyncInterval: 100 }),
    ],
    providers: [StubbornListeners, EventRecorder],
  })
  class AppModule {}
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  await app.init();
  return app;
}

const eventCount = (recorder: EventRecorder): number =>
  recorder.changed.length + recorder.reloaded.length;

describe('faults: Nest listeners misbehave, the application closes mid-reload', () => {
  let volume: TestVolume;
  let app: INestApplication | undefined;
  let faults: ProcessFaults;

  beforeEach(async () => {
    volume = await createVolume({ rate_limit: '1', mode: 'm1' });
    faults = recordProcessFaults();
  });

  afterEach(async () => {
    faults.stop();
    await app?.close();
    app = undefined;
    await volume.remove();
  });

  it('@OnEvent listeners that hang, block and throw null: every later version and event arrives, in order', async () => {
    const { flagSet, flags } = makeAppFlags();
    app = await startApp(flagSet, volume.dir);
    const recorder = app.get(EventRecorder);
    for (let rate = 2; rate <= 4; rate++) {
      await volume.write({ rate_limit: String(rate), mode: 'm1' });
      await eventually(() => expect(flags.rate_limit.get()).toBe(rate));
    }
    for (let rate = 5; rate <= 14; rate++) {
      await volume.write({ rate_limit: String(rate), mode: `m${rate}` });
    }
    await eventually(() => expect([flags.rate_limit.get(), flags.mode.get()]).toEqual([14, 'm14']));
    await eventually(() => expect(recorder.reloaded.at(-1)?.changes.length).toBeGreaterThan(0));
    await eventually(() =>
      expect(recorder.reloaded.at(-1)?.generation).toBe(app!.get(FlagService).status().generation),
    );

    const reloaded = recorder.reloaded.map((e) => e.generation);
    expect(reloaded).toEqual([...reloaded].sort((a, b) => a - b));
    expect(new Set(reloaded).size).toBe(reloaded.length);
    const changed = recorder.changed.map((e) => e.generation);
    expect(changed).toEqual([...changed].sort((a, b) => a - b));
    expect(recorder.changed.every((e) => e.previous !== e.current)).toBe(true);
    expect(recorder.rateLimitChanges.at(-1)?.current).toBe(14);
    expect(app.get(FlagService).status()).toMatchObject({
      lastResult: 'applied',
      watchMode: 'events',
    });
    expect([faults.uncaught, faults.unhandled]).toEqual([[], []]);
  });

  it('app.close() from inside a flag subscriber, mid-reload: close completes, then nothing is applied or emitted, nothing stays open', async () => {
    const { flagSet, flags } = makeAppFlags();
    const descriptors = await openDescriptors();
    const tracker = trackResources();
    try {
      const running = await startApp(flagSet, volume.dir);
      app = running;
      const recorder = running.get(EventRecorder);
      let closing: Promise<void> | undefined;
      flags.rate_limit.onChange(() => {
        // Synchronously inside the engine's reload: the swap is done, the report not yet made.
        closing ??= running.close();
      });
      await volume.write({ rate_limit: '2', mode: 'm2' });
      await eventually(() => expect(closing).toBeDefined());
      await closing;
      app = undefined;
      expect(running.get(FlagService).status().watchMode).toBe('stopped');
      expect([flags.rate_limit.get(), flags.mode.get()]).toEqual([2, 'm2']);
      const heard = eventCount(recorder);

      await volume.write({ rate_limit: '3', mode: 'm3' });
      await settle(() => expect(tracker.where()).toEqual([]), 1000);
      await settle(async () => expect(await openDescriptors()).toEqual(descriptors), 1000);
      await expect(
        eventually(() => expect(flags.rate_limit.get()).toBe(3), { timeout: 300 }),
      ).rejects.toThrow();
      expect(eventCount(recorder)).toBe(heard);
    } finally {
      tracker.stop();
    }
    expect([faults.uncaught, faults.unhandled]).toEqual([[], []]);
  });

  it('app.close() while kubelet keeps swapping and listeners hang: close completes and values stop following', async () => {
    const { flagSet, flags } = makeAppFlags();
    const tracker = trackResources();
    try {
      const running = await startApp(flagSet, volume.dir);
      app = running;
      const recorder = running.get(EventRecorder);
      let stop = false;
      let writes = 0;
      const kubelet = (async () => {
        for (let rate = 2; !stop && rate < 500; rate++) {
          await volume.write({ rate_limit: String(rate), mode: 'swapping' });
          writes += 1;
        }
      })();
      await eventually(() => expect(flags.rate_limit.get()).toBeGreaterThanOrEqual(4));
      await running.close();
      app = undefined;
      const atClose = flags.rate_limit.get();
      const heard = eventCount(recorder);
      // kubelet carries on swapping after the application closed.
      const writesAtClose = writes;
      await eventually(() => expect(writes).toBeGreaterThan(writesAtClose + 3));
      stop = true;
      await kubelet;
      expect(running.get(FlagService).status().watchMode).toBe('stopped');
      await settle(() => expect(tracker.where()).toEqual([]), 1000);
      await expect(
        eventually(() => expect(flags.rate_limit.get()).not.toBe(atClose), { timeout: 300 }),
      ).rejects.toThrow();
      expect(eventCount(recorder)).toBe(heard);
    } finally {
      tracker.stop();
    }
    expect([faults.uncaught, faults.unhandled]).toEqual([[], []]);
  });
});
