import { Module } from '@nestjs/common';
import type { INestApplication } from '@nestjs/common';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { DflagModule, FlagErrors } from '../../lib/index.js';
import type { DflagModuleOptions } from '../../lib/index.js';
import { eventually } from '../utils/eventually.js';
import { makeAppFlags } from './support/app-flags.js';
import { createVolume } from './support/volume.js';
import type { TestVolume } from './support/volume.js';
import { HealthModule } from './support/health.module.js';

/**
 * A value the running pods refuse must not make every new pod crash-loop:
 * under `startOnInvalid: 'unready'` a new pod starts on fallbacks, is not
 * ready until a fixed ConfigMap arrives (no restart), and a ready pod never
 * turns unready on content; liveness never depends on content.
 */
describe("startOnInvalid: 'unready' (fleet-safe start-up)", () => {
  let volume: TestVolume;
  let app: INestApplication | undefined;

  beforeEach(async () => {
    volume = await createVolume();
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
        DflagModule.forRoot({ path: volume.dir, flagSet, resyncInterval: 100, ...options }),
        HealthModule,
      ],
    })
    class AppModule {}
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
    return { flags, server: app.getHttpServer() };
  }

  it('a new pod starts on fallbacks, unready but live; the fixed ConfigMap makes it ready without a restart', async () => {
    await volume.write({ rate_limit: '-1', mode: 'fast' });
    const { flags, server } = await start({ startOnInvalid: 'unready' });
    expect([flags.rate_limit.get(), flags.mode.get()]).toEqual([100, 'fast']);
    const unready = await request(server).get('/readyz').expect(503);
    expect(unready.body.details.dflag).toMatchObject({
      status: 'down',
      ready: false,
      refusedAtStart: ['rate_limit'],
      reason: expect.stringContaining('rate_limit'),
    });
    await request(server).get('/livez').expect(200);

    // Another key changes, the refused one is still refused: still unready.
    await volume.write({ rate_limit: '-1', mode: 'slow' });
    await eventually(() => expect(flags.mode.get()).toBe('slow'));
    await request(server).get('/readyz').expect(503);

    await volume.write({ rate_limit: '7', mode: 'slow' });
    await eventually(() => expect(flags.rate_limit.get()).toBe(7));
    await request(server).get('/readyz').expect(200);
  });

  it('a refused key removed from the ConfigMap makes the pod ready: its fallback is then the intended value', async () => {
    await volume.write({ rate_limit: 'many' });
    const { server } = await start({ startOnInvalid: 'unready' });
    await request(server).get('/readyz').expect(503);
    await volume.write({ mode: 'fast' });
    await eventually(() => request(server).get('/readyz').expect(200));
  });

  it('a ready pod never turns unready because of ConfigMap content, and stays live', async () => {
    await volume.write({ rate_limit: '5' });
    const { flags, server } = await start({ startOnInvalid: 'unready' });
    await request(server).get('/readyz').expect(200);
    await volume.write({ rate_limit: '-5' });
    await eventually(async () => {
      const health = await request(server).get('/readyz').expect(200);
      expect(health.body.details.dflag.generation).toBeGreaterThan(1);
    });
    expect(flags.rate_limit.get()).toBe(5);
    await request(server).get('/livez').expect(200);
  });

  it('a refused static flag still fails start-up, saying why (only a restart can apply its fix)', async () => {
    await volume.write({ port: 'eighty', rate_limit: '-1' });
    const error = await start({ startOnInvalid: 'unready' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FlagErrors);
    expect((error as Error).message).toContain(
      'Invalid values of static flags in the ConfigMap at',
    );
    expect((error as Error).message).toContain('port');
  });

  it('startOnInvalid: true starts ready at once; optional with a missing directory starts ready on defaults', async () => {
    await volume.write({ rate_limit: '-1' });
    const lenient = await start({ startOnInvalid: true });
    await request(lenient.server).get('/readyz').expect(200);
    await app!.close();
    app = undefined;
    await volume.remove();
    const missing = await start({ startOnInvalid: 'unready', optional: true });
    await request(missing.server).get('/readyz').expect(200);
    await request(missing.server).get('/livez').expect(200);
  });
});
