import { Module } from '@nestjs/common';
import type { INestApplication } from '@nestjs/common';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { DflagModule, FlagService } from '../../lib/index.js';
import type { DflagModuleOptions, FlagReloadedEvent } from '../../lib/index.js';
import { eventually } from '../utils/eventually.js';
import { makeAppFlags } from './support/app-flags.js';
import { EventRecorder } from './support/recorder.js';
import { createVolume } from './support/volume.js';
import type { TestVolume } from './support/volume.js';
import { HealthModule } from './support/health.module.js';

describe('DflagHealthIndicator through a Terminus route', () => {
  let volume: TestVolume;
  let app: INestApplication | undefined;

  beforeEach(async () => {
    volume = await createVolume({ port: '8080', rate_limit: '10', mode: 'fast' });
  });

  afterEach(async () => {
    await app?.close();
    app = undefined;
    await volume.remove();
  });

  async function start(options: Omit<DflagModuleOptions, 'path' | 'flagSet'> = {}) {
    const { flagSet, flags } = makeAppFlags();
    @Module({
      imports: [
        EventEmitterModule.forRoot(),
        DflagModule.forRoot({ path: volume.dir, flagSet, ...options }),
        HealthModule,
      ],
      providers: [EventRecorder],
    })
    class AppModule {}
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
    return { flags, recorder: app.get(EventRecorder), server: app.getHttpServer() };
  }

  const lastReload = (recorder: EventRecorder): FlagReloadedEvent | undefined =>
    recorder.reloaded[recorder.reloaded.length - 1];

  it('is up after a clean load, with the details', async () => {
    const { server } = await start();
    const response = await request(server).get('/health').expect(200);
    expect(response.body.status).toBe('ok');
    expect(response.body.details.dflag).toMatchObject({
      status: 'up',
      path: volume.dir,
      generation: 1,
      lastResult: 'applied',
      lastReloadAt: expect.any(String),
      lastSuccessAt: expect.any(String),
      errors: [],
      warnings: [],
      pendingRestart: [],
      checksums: { dynamic: expect.any(String), static: expect.any(String) },
      watchMode: 'events',
      reasons: [],
    });
  });

  it('keep-last-good: an invalid version is partial, degraded (HTTP 200) with the last good value, then up after a fix', async () => {
    const { flags, recorder, server } = await start();
    await volume.write({ port: '8080', rate_limit: '-5', mode: 'slow', api_key: 'do-not-leak' });
    await eventually(() => expect(lastReload(recorder)?.result).toBe('partial'));
    expect(flags.rate_limit.get()).toBe(10);
    expect(flags.mode.get()).toBe('slow');
    expect(lastReload(recorder)?.errors).toEqual([expect.stringContaining('rate_limit')]);

    const degraded = await request(server).get('/health').expect(200);
    expect(degraded.body.status).toBe('degraded');
    expect(degraded.body.details.dflag).toMatchObject({
      status: 'degraded',
      lastResult: 'partial',
      errors: [expect.stringContaining('"-5"')],
      reasons: [expect.stringContaining('partial')],
    });
    expect(JSON.stringify(degraded.body)).not.toContain('do-not-leak');

    await request(server).get('/health?strict=true').expect(503);

    await volume.write({ port: '8080', rate_limit: '5', mode: 'slow' });
    await eventually(() => expect(lastReload(recorder)?.result).toBe('applied'));
    expect(flags.rate_limit.get()).toBe(5);
    const up = await request(server).get('/health').expect(200);
    expect(up.body.status).toBe('ok');
    expect(up.body.details.dflag).toMatchObject({ status: 'up', lastResult: 'applied' });
  });

  it('reject-version: an invalid version is rejected whole, and health says degraded', async () => {
    const { flags, recorder, server } = await start({ onInvalid: 'reject-version' });
    await volume.write({ port: '8080', rate_limit: 'many', mode: 'slow' });
    await eventually(() => expect(lastReload(recorder)?.result).toBe('rejected'));
    expect(flags.mode.get()).toBe('fast');
    expect(lastReload(recorder)?.changes).toEqual([]);
    expect(recorder.changed).toEqual([]);
    const degraded = await request(server).get('/health').expect(200);
    expect(degraded.body.details.dflag).toMatchObject({
      status: 'degraded',
      lastResult: 'rejected',
    });
  });

  it('a static flag changed after start is pending restart: degraded, listed', async () => {
    const { flags, recorder, server } = await start();
    await volume.write({ port: '9999', rate_limit: '10', mode: 'fast' });
    await eventually(() => expect(recorder.reloaded).toHaveLength(1));
    expect(flags.port.get()).toBe(8080);
    const degraded = await request(server).get('/health').expect(200);
    expect(degraded.body.details.dflag).toMatchObject({
      status: 'degraded',
      pendingRestart: ['port'],
      reasons: [expect.stringContaining('port')],
    });
    expect(
      app
        ?.get(FlagService)
        .list()
        .find((f) => f.name === 'port'),
    ).toMatchObject({ pendingRestart: true, current: '8080' });
  });

  it('a missing directory under optional is degraded, and up once the ConfigMap appears', async () => {
    await volume.remove();
    const { flags, server } = await start({ optional: true, resyncInterval: 50 });
    expect(flags.rate_limit.get()).toBe(100);
    const degraded = await request(server).get('/health').expect(200);
    expect(degraded.body.details.dflag).toMatchObject({
      status: 'degraded',
      reasons: [expect.stringContaining('missing')],
    });
    await volume.write({ rate_limit: '3' });
    await eventually(() => expect(flags.rate_limit.get()).toBe(3));
    const up = await request(server).get('/health').expect(200);
    expect(up.body.details.dflag.status).toBe('up');
  });

  it('starting on fallbacks (startOnInvalid) is degraded until a version applies cleanly', async () => {
    await volume.write({ port: '8080', rate_limit: 'lots' });
    const { flags, recorder, server } = await start({ startOnInvalid: true });
    expect(flags.rate_limit.get()).toBe(100);
    const degraded = await request(server).get('/health').expect(200);
    expect(degraded.body.details.dflag.status).toBe('degraded');
    await volume.write({ port: '8080', rate_limit: '12' });
    await eventually(() => expect(lastReload(recorder)?.result).toBe('applied'));
    const up = await request(server).get('/health').expect(200);
    expect(up.body.details.dflag.status).toBe('up');
  });
});
