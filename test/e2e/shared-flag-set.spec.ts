import { Module } from '@nestjs/common';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EventEmitterModule } from '@nestjs/event-emitter';
import request from 'supertest';
import { DFLAG_ENGINE } from '../../lib/dflag.constants.js';
import type { DflagEngine } from '../../lib/dflag-engine.interface.js';
import { DflagModule, DflagSetupError, FlagService, loadFlags } from '../../lib/index.js';
import type { DflagModuleOptions, FlagSet } from '../../lib/index.js';
import { eventually } from '../utils/eventually.js';
import { makeAppFlags } from './support/app-flags.js';
import { refused } from './support/refused.js';
import { createVolume } from './support/volume.js';
import type { TestVolume } from './support/volume.js';
import { HealthModule } from './support/health.module.js';

/** appModule: a root module binding the options' set, with a Terminus health route. */
function appModule(options: DflagModuleOptions) {
  @Module({ imports: [EventEmitterModule.forRoot(), DflagModule.forRoot(options), HealthModule] })
  class AppModule {}
  return AppModule;
}

describe('one flag set, two Nest applications in one process', () => {
  let volume: TestVolume;
  const apps: INestApplication[] = [];

  beforeEach(async () => {
    volume = await createVolume({ port: '8080', rate_limit: '10' });
  });

  afterEach(async () => {
    for (const app of apps.splice(0)) await app.close();
    await volume.remove();
  });

  async function create(options: DflagModuleOptions): Promise<INestApplication> {
    const app = await NestFactory.create(appModule(options), {
      logger: false,
      abortOnError: false,
    });
    apps.push(app);
    return app;
  }

  const ownedMessage = (set: FlagSet) =>
    `Flag set "${set.name}" (${volume.dir}) is already watched by another Nest application in this process`;

  it('both created before either is initialised: the second to initialise is refused, and the first keeps watching', async () => {
    const { flagSet, flags } = makeAppFlags();
    const first = await create({ path: volume.dir, flagSet });
    const second = await create({ path: volume.dir, flagSet });

    await first.init();
    const init = refused(second.init());
    await expect(init).rejects.toThrow(DflagSetupError);
    await expect(init).rejects.toThrow(ownedMessage(flagSet));

    // Closing the refused application leaves the first one watching.
    await second.close();
    apps.splice(apps.indexOf(second), 1);
    expect(first.get(FlagService).status().watchMode).toBe('events');
    await volume.write({ port: '8080', rate_limit: '11' });
    await eventually(() => expect(flags.rate_limit.get()).toBe(11));
    const health = await request(first.getHttpServer()).get('/health').expect(200);
    expect(health.body.details.dflag).toMatchObject({ status: 'up', watchMode: 'events' });
  });

  it('closing an application that was never initialised leaves the other one to watch', async () => {
    const { flagSet, flags } = makeAppFlags();
    const first = await create({ path: volume.dir, flagSet });
    const second = await create({ path: volume.dir, flagSet });

    await first.close();
    apps.splice(apps.indexOf(first), 1);
    await second.init();

    expect(second.get(FlagService).status().watchMode).toBe('events');
    await volume.write({ port: '8080', rate_limit: '12' });
    await eventually(() => expect(flags.rate_limit.get()).toBe(12));
  });

  it('an application created while another one runs on the set is refused at creation', async () => {
    const { flagSet } = makeAppFlags();
    const first = await create({ path: volume.dir, flagSet });
    await first.init();
    const created = refused(
      NestFactory.create(appModule({ path: volume.dir, flagSet }), {
        logger: false,
        abortOnError: false,
      }),
    );
    await expect(created).rejects.toThrow(DflagSetupError);
    await expect(created).rejects.toThrow(ownedMessage(flagSet));
    expect(first.get(FlagService).status().watchMode).toBe('events');
  });

  it('once the running application closed, the set can be bound again', async () => {
    const { flagSet, flags } = makeAppFlags();
    const first = await create({ path: volume.dir, flagSet });
    await first.init();
    await first.close();
    apps.splice(apps.indexOf(first), 1);

    const second = await create({ path: volume.dir, flagSet });
    await second.init();
    await volume.write({ port: '8080', rate_limit: '13' });
    await eventually(() => expect(flags.rate_limit.get()).toBe(13));
  });

  it('an application that failed to be created does not hold the set, even for a retry bound elsewhere', async () => {
    const { flagSet, flags } = makeAppFlags();
    @Module({
      imports: [EventEmitterModule.forRoot(), DflagModule.forRoot({ path: volume.dir, flagSet })],
      providers: [
        {
          provide: 'BROKEN',
          useFactory: () => {
            throw new Error('a provider failed');
          },
        },
      ],
    })
    class BrokenModule {}
    await expect(
      refused(NestFactory.create(BrokenModule, { logger: false, abortOnError: false })),
    ).rejects.toThrow('a provider failed');

    const other = await createVolume({ port: '8080', rate_limit: '20' });
    try {
      const retry = await create({ path: other.dir, flagSet, resyncInterval: 1000 });
      await retry.init();
      expect(flags.rate_limit.get()).toBe(20);
      expect(retry.get(FlagService).status()).toMatchObject({
        path: other.dir,
        watchMode: 'events',
      });
      await retry.close();
      apps.splice(apps.indexOf(retry), 1);
    } finally {
      await other.remove();
    }
  });

  it('loadFlags(), then two applications: the first to initialise watches, the other is refused', async () => {
    const { flagSet, flags } = makeAppFlags();
    await loadFlags({ path: volume.dir, flagSet });
    const first = await create({ path: volume.dir, flagSet });
    const second = await create({ path: volume.dir, flagSet });
    await second.init();
    await expect(refused(first.init())).rejects.toThrow(ownedMessage(flagSet));
    await volume.write({ port: '8080', rate_limit: '14' });
    await eventually(() => expect(flags.rate_limit.get()).toBe(14));
    expect(second.get(FlagService).status().generation).toBeGreaterThan(1);
  });
});

describe('health of a watcher that stopped', () => {
  let volume: TestVolume;
  let app: INestApplication | undefined;

  beforeEach(async () => {
    volume = await createVolume({ port: '8080', rate_limit: '10' });
  });

  afterEach(async () => {
    await app?.close();
    app = undefined;
    await volume.remove();
  });

  it('is degraded, with the reason, when the watcher stopped while the application is up', async () => {
    const { flagSet } = makeAppFlags();
    app = await NestFactory.create(appModule({ path: volume.dir, flagSet }), {
      logger: false,
      abortOnError: false,
    });
    await app.init();
    const server = app.getHttpServer();
    await request(server)
      .get('/health')
      .expect(200, /"status":"up"/);

    // Whatever stopped it (before this fix: another application closing), the app still serves.
    await app.get<DflagEngine>(DFLAG_ENGINE, { strict: false }).stop();
    const response = await request(server).get('/health').expect(200);
    expect(response.body.status).toBe('degraded');
    expect(response.body.details.dflag).toMatchObject({
      status: 'degraded',
      watchMode: 'stopped',
      reasons: [
        'the ConfigMap is not being watched (watchMode: stopped): its changes are not applied',
      ],
    });
  });
});
