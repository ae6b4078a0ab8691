import { Controller, Get, Injectable, Module } from '@nestjs/common';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { DflagModule, DflagSetupError, FlagService, loadFlags } from '../../lib/index.js';
import type { DflagModuleOptions } from '../../lib/index.js';
import { makeAppFlags } from './support/app-flags.js';
import type { AppFlags } from './support/app-flags.js';
import { createVolume } from './support/volume.js';
import type { TestVolume } from './support/volume.js';

/** freePort asks the OS for a port nobody listens on. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('the main.ts case: flags first, then the application', () => {
  let volume: TestVolume;
  let app: INestApplication | undefined;
  let port: number;

  beforeEach(async () => {
    port = await freePort();
    volume = await createVolume({ port: String(port), rate_limit: '7' });
  });

  afterEach(async () => {
    await app?.close();
    app = undefined;
    await volume.remove();
  });

  function appModule(options: DflagModuleOptions, flags?: AppFlags) {
    @Injectable()
    class Banner {
      // Read in a constructor that does not depend on DflagModule: the case loadFlags() solves.
      readonly portAtConstruction: number;
      constructor() {
        this.portAtConstruction = flags?.port.get() ?? -1;
      }
    }
    @Controller()
    class PingController {
      constructor(private readonly flags: FlagService<AppFlags>) {}
      @Get('ping')
      ping() {
        return { rateLimit: this.flags.get('rate_limit') };
      }
    }
    @Module({
      imports: [EventEmitterModule.forRoot(), DflagModule.forRoot(options)],
      controllers: [PingController],
      providers: [Banner],
    })
    class AppModule {}
    return { AppModule, Banner };
  }

  it('a static port from the ConfigMap is the value main.ts reads before listen()', async () => {
    const { flagSet, flags } = makeAppFlags();
    const { AppModule, Banner } = appModule({ path: volume.dir, flagSet }, flags);

    // main.ts
    const report = await loadFlags({ path: volume.dir, flagSet });
    app = await NestFactory.create(AppModule, { logger: false, abortOnError: false });
    const listenPort = flags.port.get();
    await app.listen(listenPort, '127.0.0.1');

    expect(report).toMatchObject({ generation: 1, result: 'applied', trigger: 'initialize' });
    expect(listenPort).toBe(port);
    expect((app.getHttpServer().address() as AddressInfo).port).toBe(port);
    expect(app.get(Banner).portAtConstruction).toBe(port);
    // The module took the load over instead of reading again, and watches now.
    expect(app.get(FlagService).status()).toMatchObject({ generation: 1, watchMode: 'events' });
    await request(app.getHttpServer()).get('/ping').expect(200, { rateLimit: 7 });
  });

  it('without loadFlags(), a value read before the module initialized would be the default', async () => {
    const { flagSet, flags } = makeAppFlags();
    const { AppModule } = appModule({ path: volume.dir, flagSet }, flags);
    // Read before the application is created, as main.ts would for listen().
    const listenPortTooEarly = flags.port.get();
    app = await NestFactory.create(AppModule, { logger: false, abortOnError: false });
    expect(listenPortTooEarly).toBe(3000);
    expect(flags.port.get()).toBe(port);
  });

  it('loadFlags() twice for the same set and directory reads once', async () => {
    const { flagSet } = makeAppFlags();
    const first = await loadFlags({ path: volume.dir, flagSet });
    const second = await loadFlags({ path: volume.dir, flagSet });
    expect(second).toBe(first);
    const { AppModule } = appModule({ path: volume.dir, flagSet });
    app = await NestFactory.create(AppModule, { logger: false, abortOnError: false });
    await app.init();
    expect(app.get(FlagService).status().generation).toBe(1);
  });

  it('an application that failed to be created does not keep the flag set: a retry works', async () => {
    const { flagSet } = makeAppFlags();
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
      NestFactory.create(BrokenModule, { logger: false, abortOnError: false }),
    ).rejects.toThrow('a provider failed');
    const { AppModule } = appModule({ path: volume.dir, flagSet });
    app = await NestFactory.create(AppModule, { logger: false, abortOnError: false });
    await app.init();
    expect(app.get(FlagService).status().watchMode).toBe('events');
  });

  it('a module bound to another directory than loadFlags() is an error naming both', async () => {
    const { flagSet } = makeAppFlags();
    await loadFlags({ path: volume.dir, flagSet });
    const { AppModule } = appModule({ path: `${volume.root}/elsewhere`, flagSet });
    const created = NestFactory.create(AppModule, { logger: false, abortOnError: false });
    await expect(created).rejects.toThrow(DflagSetupError);
    await expect(created).rejects.toThrow(
      `Flag set "app" is already bound to the ConfigMap at ${volume.dir}, so it cannot be bound to ${volume.root}/elsewhere`,
    );
  });

  it('a module giving other engine options than loadFlags() is an error naming each difference', async () => {
    const { flagSet } = makeAppFlags();
    await loadFlags({ path: volume.dir, flagSet });
    const { AppModule } = appModule({
      path: volume.dir,
      flagSet,
      onInvalid: 'reject-version',
      resyncInterval: 5000,
    });
    const created = NestFactory.create(AppModule, { logger: false, abortOnError: false });
    await expect(created).rejects.toThrow(
      'Flag set "app" was loaded by loadFlags() with other options than DflagModule gives it: onInvalid ("keep-last-good" vs "reject-version"). The module reuses that load, so pass the same options to both (e.g. one shared object)',
    );
  });

  it('the same options object for loadFlags() and the module is fine', async () => {
    const { flagSet } = makeAppFlags();
    const options = {
      path: volume.dir,
      flagSet,
      onInvalid: 'reject-version' as const,
      resyncInterval: 1000,
    };
    await loadFlags(options);
    const { AppModule } = appModule(options);
    app = await NestFactory.create(AppModule, { logger: false, abortOnError: false });
    await app.init();
    expect(app.get(FlagService).status().generation).toBe(1);
  });

  it('loadFlags() with an invalid ConfigMap throws one error listing every bad key, and can be retried', async () => {
    const { flagSet, flags } = makeAppFlags();
    await volume.write({ port: 'eighty', rate_limit: '-1' });
    const failed = loadFlags({ path: volume.dir, flagSet });
    await expect(failed).rejects.toThrow(/port[\s\S]*rate_limit/);
    expect(flags.port.get()).toBe(3000);
    await volume.write({ port: '81', rate_limit: '1' });
    await expect(loadFlags({ path: volume.dir, flagSet })).resolves.toMatchObject({
      result: 'applied',
    });
    expect(flags.port.get()).toBe(81);
  });
});
