import { Module } from '@nestjs/common';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { DflagModule, FlagSet, defineFlags, flag } from '../../lib/index.js';
import { eventually } from '../utils/eventually.js';
import { Worker, captureStdout } from './support/log-capture.js';
import { createVolume } from './support/volume.js';
import type { TestVolume } from './support/volume.js';

// Its own file (its own process): Nest's default logger is process-wide, and the testing module
// replaces it. Here no logger is given to the application, as in a plain `NestFactory.create()`;
// each `new Logger(context)` then makes its own ConsoleLogger at first use, with the levels of then.
describe("DflagModule logLevel with Nest's default logger (no useLogger)", () => {
  let volume: TestVolume;
  let app: INestApplicationContext | undefined;
  let stdout: ReturnType<typeof captureStdout> | undefined;

  beforeEach(async () => {
    volume = await createVolume({ mode: 'normal' });
  });

  afterEach(async () => {
    await app?.close();
    app = undefined;
    stdout?.restore();
    await volume.remove();
  });

  it('an existing Logger instance of a provider starts and stops emitting debug lines', async () => {
    const flagSet = new FlagSet('app');
    defineFlags(
      { mode: flag.string({ default: 'x', description: 'Mode', dynamic: true }) },
      flagSet,
    );
    @Module({
      imports: [
        EventEmitterModule.forRoot(),
        DflagModule.forRoot({ path: volume.dir, flagSet, logLevel: true }),
      ],
      providers: [Worker],
    })
    class AppModule {}
    stdout = captureStdout();
    app = await NestFactory.createApplicationContext(AppModule, {
      logger: ['fatal', 'error', 'warn', 'log'],
    });
    const worker = app.get(Worker);
    worker.tick(0);
    const text = stdout.text;
    expect(text()).toContain('log tick 0');
    expect(text()).not.toContain('debug tick 0');

    let n = 0;
    const ticks = (emits: boolean) =>
      eventually(() => {
        worker.tick(++n);
        expect(text()).toContain(`log tick ${n}`);
        if (emits) expect(text()).toContain(`debug tick ${n}`);
        else expect(text()).not.toContain(`debug tick ${n}`);
      });

    await volume.write({ mode: 'normal', loglevel: 'debug' });
    await ticks(true);
    await volume.write({ mode: 'normal', loglevel: 'log' });
    await ticks(false);
    await volume.write({ mode: 'normal', loglevel: 'debug' });
    await ticks(true);
    await volume.write({ mode: 'normal' });
    await ticks(false);
  });
});
