import { Module } from '@nestjs/common';
import type { INestApplication } from '@nestjs/common';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { Test } from '@nestjs/testing';
import { DflagModule, FlagService, REDACTED } from '../../lib/index.js';
import { eventually } from '../utils/eventually.js';
import { makeAppFlags } from './support/app-flags.js';
import { EventRecorder } from './support/recorder.js';
import { createVolume } from './support/volume.js';
import type { TestVolume } from './support/volume.js';

describe('DflagModule: load, watch and change events', () => {
  let volume: TestVolume;
  let app: INestApplication | undefined;

  beforeEach(async () => {
    volume = await createVolume({ port: '8080', rate_limit: '10', mode: 'normal', api_key: 'k1' });
  });

  afterEach(async () => {
    await app?.close();
    app = undefined;
    await volume.remove();
  });

  async function start() {
    const { flagSet, flags } = makeAppFlags();
    @Module({
      imports: [EventEmitterModule.forRoot(), DflagModule.forRoot({ path: volume.dir, flagSet })],
      providers: [EventRecorder],
    })
    class AppModule {}
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
    return { flags, recorder: app.get(EventRecorder), service: app.get(FlagService) };
  }

  it('loads static and dynamic flags at start, and emits nothing for the initial load', async () => {
    const { flags, recorder, service } = await start();
    expect(flags.port.get()).toBe(8080);
    expect(flags.rate_limit.get()).toBe(10);
    expect(flags.api_key.get()).toBe('k1');
    expect(service.status()).toMatchObject({ generation: 1, lastResult: 'applied' });
    // A manual reload of the same version is processed after any initial-load event would have been.
    await service.reload();
    await eventually(() => expect(recorder.reloaded).toHaveLength(1));
    expect(recorder.reloaded[0]).toMatchObject({ generation: 2, result: 'applied', changes: [] });
    expect(recorder.changed).toEqual([]);
  });

  it('emits flag.changed for exactly the changed flags of a kubelet swap, then flag.reloaded', async () => {
    const { flags, recorder } = await start();
    await volume.write({ port: '8080', rate_limit: '20', mode: 'normal', api_key: 'k2' });

    await eventually(() => expect(recorder.reloaded).toHaveLength(1));
    expect(flags.rate_limit.get()).toBe(20);
    const changed = [...recorder.changed].sort((a, b) => a.name.localeCompare(b.name));
    expect(changed.map((e) => e.name)).toEqual(['api_key', 'rate_limit']);
    expect(changed[1]).toMatchObject({
      name: 'rate_limit',
      previous: 10,
      current: 20,
      source: 'configmap',
      generation: 2,
      checksum: recorder.reloaded[0]?.checksums.dynamic,
      flagSet: 'app',
      path: volume.dir,
    });
    expect(changed[1]?.at).toBeInstanceOf(Date);
    // Sensitive values never reach the bus.
    expect(changed[0]).toMatchObject({ previous: REDACTED, current: REDACTED, sensitive: true });
    expect(JSON.stringify(recorder.reloaded)).not.toContain('k2');

    expect(recorder.rateLimitChanges).toHaveLength(1);
    expect(recorder.rateLimitChanges[0]).toMatchObject({ name: 'rate_limit', current: 20 });
    expect(recorder.reloaded[0]).toMatchObject({
      result: 'applied',
      generation: 2,
      errors: [],
      trigger: 'watch',
    });
    expect(recorder.reloaded[0]?.changes).toHaveLength(2);
    expect(recorder.reloaded[0]?.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('a removed key returns its flag to the default, as a change like any other', async () => {
    await volume.write({ port: '8080', rate_limit: '10', mode: 'maintenance', api_key: 'k1' });
    const { flags, recorder } = await start();
    expect(flags.mode.get()).toBe('maintenance');
    await volume.write({ port: '8080', rate_limit: '10', api_key: 'k1' });
    await eventually(() => expect(recorder.reloaded).toHaveLength(1));
    expect(recorder.changed).toHaveLength(1);
    expect(recorder.changed[0]).toMatchObject({
      name: 'mode',
      previous: 'maintenance',
      current: 'normal',
      source: 'default',
      previousSource: 'configmap',
    });
    expect(recorder.rateLimitChanges).toEqual([]);
    expect(flags.mode.source).toBe('default');
  });
});
