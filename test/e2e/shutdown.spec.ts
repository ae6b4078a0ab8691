import { Module } from '@nestjs/common';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { Test } from '@nestjs/testing';
import { DflagModule, FlagService } from '../../lib/index.js';
import { eventually } from '../utils/eventually.js';
import { openDescriptors, settle, trackResources } from '../utils/resource-tracker.js';
import { makeAppFlags } from './support/app-flags.js';
import { EventRecorder } from './support/recorder.js';
import { createVolume, writePlainDir } from './support/volume.js';
import type { TestVolume } from './support/volume.js';

describe('shutdown', () => {
  let volume: TestVolume;

  beforeEach(async () => {
    volume = await createVolume({ port: '8080', rate_limit: '1' });
  });

  afterEach(() => volume.remove());

  it.each([
    ['a kubelet volume', false],
    ['a plain directory with polling', true],
  ])('app.close() resolves promptly and leaves nothing open (%s)', async (_, plain) => {
    const path = plain ? `${volume.root}/plain` : volume.dir;
    if (plain) await writePlainDir(path, { rate_limit: '1' });
    const { flagSet, flags } = makeAppFlags();
    @Module({
      imports: [
        EventEmitterModule.forRoot(),
        DflagModule.forRoot({ path, flagSet, usePolling: plain, resyncInterval: 1000 }),
      ],
      providers: [EventRecorder],
    })
    class AppModule {}
    const descriptors = await openDescriptors();
    const tracker = trackResources();
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
    const app = moduleRef.createNestApplication({ logger: false });
    await app.init();
    expect(app.get(FlagService).status().watchMode).toBe(plain ? 'polling' : 'events');
    // Exercise the watcher once, so that close() has something in flight to end.
    if (plain) await writePlainDir(path, { rate_limit: '2' });
    else await volume.write({ port: '8080', rate_limit: '2' });
    await eventually(() => expect(flags.rate_limit.get()).toBe(2));
    // The app did hold a watcher and timers (unref'ed ones do not show in getActiveResourcesInfo).
    expect(tracker.live()).toContain(plain ? 'STATWATCHER' : 'FSEVENTWRAP');

    await app.close();
    expect(app.get(FlagService).status().watchMode).toBe('stopped');
    // Every watcher, timer and descriptor the app opened is gone once close() resolved.
    await settle(() => expect(tracker.where()).toEqual([]), 200);
    await settle(async () => expect(await openDescriptors()).toEqual(descriptors), 200);
    tracker.stop();

    // Nothing follows the directory any more.
    if (plain) await writePlainDir(path, { rate_limit: '3' });
    else await volume.write({ port: '8080', rate_limit: '3' });
    await expect(
      eventually(() => expect(flags.rate_limit.get()).toBe(3), { timeout: 300 }),
    ).rejects.toThrow();
  });

  it('close() on a compiled but never initialized module stops cleanly too', async () => {
    const { flagSet } = makeAppFlags();
    @Module({
      imports: [EventEmitterModule.forRoot(), DflagModule.forRoot({ path: volume.dir, flagSet })],
    })
    class AppModule {}
    const descriptors = await openDescriptors();
    const tracker = trackResources();
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
    await moduleRef.close();
    await settle(() => expect(tracker.where()).toEqual([]), 200);
    await settle(async () => expect(await openDescriptors()).toEqual(descriptors), 200);
    tracker.stop();
  });
});
