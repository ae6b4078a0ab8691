import { Module } from '@nestjs/common';
import type { INestApplication } from '@nestjs/common';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { Test } from '@nestjs/testing';
import { DflagModule, FlagSet, loadFlags } from '../../lib/index.js';
import { LevelledLogger, Worker } from './support/log-capture.js';
import { createVolume } from './support/volume.js';
import type { TestVolume } from './support/volume.js';

describe('logLevel with loadFlags()', () => {
  let volume: TestVolume;
  let app: INestApplication | undefined;

  beforeEach(async () => {
    volume = await createVolume({ loglevel: 'debug' });
  });

  afterEach(async () => {
    await app?.close();
    app = undefined;
    await volume.remove();
  });

  async function create(flagSet: FlagSet) {
    @Module({
      imports: [
        EventEmitterModule.forRoot(),
        DflagModule.forRoot({ path: volume.dir, flagSet, logLevel: true }),
      ],
      providers: [Worker],
    })
    class AppModule {}
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
    app = moduleRef.createNestApplication({ logger: ['fatal', 'error', 'warn', 'log'] });
    return app;
  }

  it('loadFlags() declares the flag before reading: its ConfigMap value applies at bootstrap', async () => {
    const flagSet = new FlagSet('app');
    const report = await loadFlags({ path: volume.dir, flagSet, logLevel: true });
    expect(report.errors).toEqual([]);
    expect(flagSet.get('loglevel').get()).toBe('debug');
    const logger = new LevelledLogger();
    const application = await create(flagSet);
    application.useLogger(logger);
    await application.init();
    application.get(Worker).tick(1);
    expect(logger.lines).toContain('debug: debug tick 1');
  });

  it('refuses a module asking for the flag when loadFlags() read the set without it', async () => {
    const flagSet = new FlagSet('app');
    // Without the flag, its key is unknown to the set: the load reports it and goes on.
    await loadFlags({ path: volume.dir, flagSet, logger: { log() {}, warn() {}, error() {} } });
    await expect(create(flagSet).then((a) => a.init())).rejects.toThrow(
      /Flag set "app" was already read without the log level flag "loglevel": give logLevel to loadFlags\(\) too/,
    );
  });
});
