import { Logger, Module } from '@nestjs/common';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { DflagModule, DflagSetupError, FlagService, loadFlags } from '../../lib/index.js';
import type { DflagModuleOptions } from '../../lib/index.js';
import { makeAppFlags } from './support/app-flags.js';
import { refused } from './support/refused.js';
import { createVolume } from './support/volume.js';
import type { TestVolume } from './support/volume.js';

function appModule(options: DflagModuleOptions) {
  @Module({ imports: [EventEmitterModule.forRoot(), DflagModule.forRoot(options)] })
  class AppModule {}
  return AppModule;
}

describe('loadFlags() options, then DflagModule', () => {
  let volume: TestVolume;
  let app: INestApplication | undefined;

  beforeEach(async () => {
    volume = await createVolume({ port: '8080', rate_limit: '7' });
  });

  afterEach(async () => {
    await app?.close();
    app = undefined;
    await volume.remove();
  });

  const create = (options: DflagModuleOptions) =>
    NestFactory.create(appModule(options), { logger: false, abortOnError: false });

  it('a module that omits options loadFlags() set runs with the load’s values, and status() shows them', async () => {
    const { flagSet } = makeAppFlags();
    await loadFlags({
      path: volume.dir,
      flagSet,
      onInvalid: 'reject-version',
      resyncInterval: 1000,
      settleDelay: 20,
    });
    app = await create({ path: volume.dir, flagSet });
    await app.init();
    expect(app.get(FlagService).status().options).toEqual({
      onInvalid: 'reject-version',
      startOnInvalid: false,
      optional: false,
      resyncInterval: 1000,
      settleDelay: 20,
      usePolling: false,
    });
  });

  it('status() shows the defaults when no option was given', async () => {
    const { flagSet } = makeAppFlags();
    app = await create({ path: volume.dir, flagSet });
    await app.init();
    expect(app.get(FlagService).status().options).toEqual({
      onInvalid: 'keep-last-good',
      startOnInvalid: false,
      optional: false,
      resyncInterval: 5000,
      settleDelay: 100,
      usePolling: false,
    });
  });

  it('the module may repeat the load’s values, given or default', async () => {
    const { flagSet } = makeAppFlags();
    await loadFlags({ path: volume.dir, flagSet, resyncInterval: 1000 });
    app = await create({ path: volume.dir, flagSet, resyncInterval: 1000, settleDelay: 100 });
    await app.init();
    expect(app.get(FlagService).status().options).toMatchObject({
      resyncInterval: 1000,
      settleDelay: 100,
    });
  });

  it('an explicit module value other than the load’s is refused, naming it and both values', async () => {
    const { flagSet } = makeAppFlags();
    await loadFlags({ path: volume.dir, flagSet, resyncInterval: 1000, usePolling: true });
    const created = refused(
      create({ path: volume.dir, flagSet, resyncInterval: 2000, usePolling: true, optional: true }),
    );
    await expect(created).rejects.toThrow(DflagSetupError);
    await expect(created).rejects.toThrow(
      'Flag set "app" was loaded by loadFlags() with other options than DflagModule gives it: optional (false vs true), resyncInterval (1000 vs 2000).',
    );
  });

  it('a module logger other than the load’s is refused', async () => {
    const { flagSet } = makeAppFlags();
    await loadFlags({ path: volume.dir, flagSet });
    await expect(
      refused(create({ path: volume.dir, flagSet, logger: new Logger('x') })),
    ).rejects.toThrow('logger (the default vs another logger)');
  });

  it('loadFlags() again with other options is refused instead of silently returning the first load', async () => {
    const { flagSet } = makeAppFlags();
    const first = await loadFlags({ path: volume.dir, flagSet, resyncInterval: 1000 });
    const again = refused(loadFlags({ path: volume.dir, flagSet, resyncInterval: 3000 }));
    await expect(again).rejects.toThrow(DflagSetupError);
    await expect(again).rejects.toThrow(
      'loadFlags() was called for flag set "app" with other options than the engine already loaded for it: resyncInterval (1000 vs 3000).',
    );
    // Omitting an option takes the first load's value, as for the module.
    await expect(loadFlags({ path: volume.dir, flagSet })).resolves.toBe(first);
  });
});
