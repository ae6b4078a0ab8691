import { ConsoleLogger, Logger, Module } from '@nestjs/common';
import type { INestApplication, LoggerService, LogLevel } from '@nestjs/common';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { Test } from '@nestjs/testing';
import {
  DflagModule,
  DflagSetupError,
  FlagService,
  FlagSet,
  defineFlags,
  flag,
  logLevelFlag,
} from '../../lib/index.js';
import type { DflagOptions, LogLevelOption } from '../../lib/index.js';
import { eventually } from '../utils/eventually.js';
import { LevelledLogger, ThresholdLogger, Worker, captureStdout } from './support/log-capture.js';
import { createVolume } from './support/volume.js';
import type { TestVolume } from './support/volume.js';

describe('DflagModule logLevel: the loglevel flag sets the Nest log levels at run time', () => {
  let volume: TestVolume;
  let app: INestApplication | undefined;
  let stdout: ReturnType<typeof captureStdout> | undefined;

  beforeEach(async () => {
    volume = await createVolume({ mode: 'normal' });
  });

  afterEach(async () => {
    await app?.close();
    app = undefined;
    stdout?.restore();
    stdout = undefined;
    await volume.remove();
  });

  function appFlags() {
    const flagSet = new FlagSet('app');
    defineFlags(
      { mode: flag.string({ default: 'x', description: 'Mode', dynamic: true }) },
      flagSet,
    );
    return flagSet;
  }

  async function start(
    logger: LoggerService,
    logLevel: LogLevelOption,
    options: Partial<DflagOptions> = {},
  ) {
    const flagSet = options.flagSet ?? appFlags();
    @Module({
      imports: [
        EventEmitterModule.forRoot(),
        DflagModule.forRoot({ path: volume.dir, flagSet, logLevel, ...options }),
      ],
      providers: [Worker],
    })
    class AppModule {}
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
    // The levels Nest is given; an empty loglevel returns to them.
    app = moduleRef.createNestApplication({ logger: ['fatal', 'error', 'warn', 'log'] });
    app.useLogger(logger);
    await app.init();
    const worker = app.get(Worker);
    worker.tick(0); // the provider's Logger is used (and its levels taken) before any change
    return { worker, service: app.get(FlagService), flagSet };
  }

  /** Ticks until `seen` holds the tick's debug line (or, with `emits` false, its log line alone). */
  async function expectDebug(worker: Worker, seen: () => string, emits: boolean) {
    let n = 100;
    await eventually(() => {
      n++;
      worker.tick(n);
      expect(seen()).toContain(`log tick ${n}`);
      if (emits) expect(seen()).toContain(`debug tick ${n}`);
      else expect(seen()).not.toContain(`debug tick ${n}`);
    });
  }

  it("with Nest's ConsoleLogger: an existing Logger starts and stops emitting debug lines, a bad value is refused", async () => {
    stdout = captureStdout();
    const console = new ConsoleLogger({ logLevels: ['fatal', 'error', 'warn', 'log'] });
    const { worker, service, flagSet } = await start(console, true);
    const text = stdout.text;
    expect(flagSet.get('loglevel')).toMatchObject({ dynamic: true, kind: 'string' });
    expect(text()).toContain('log tick 0');
    expect(text()).not.toContain('debug tick 0');

    await volume.write({ mode: 'normal', loglevel: 'debug' });
    await expectDebug(worker, text, true);
    expect(Logger.isLevelEnabled('verbose')).toBe(false); // one level: it and the more severe ones

    await volume.write({ mode: 'normal', loglevel: 'loud' });
    await eventually(() => expect(service.status().errors).toHaveLength(1));
    const error = service.status().errors[0] ?? '';
    expect(error).toContain('"loglevel"');
    expect(error).toContain('loud');
    expect(error).toContain(volume.dir);
    expect(error).toContain('fatal, error, warn, log, debug, verbose');
    await expectDebug(worker, text, true); // the last good level serves

    await volume.write({ mode: 'normal', loglevel: 'warn' });
    await eventually(() => {
      worker.tick(900);
      expect(text()).not.toContain('log tick 900');
    });
    expect(text()).not.toContain('debug tick 900');

    await volume.write({ mode: 'normal' }); // key removed: the levels the application started with
    await expectDebug(worker, text, false);
  });

  it('with a user logger that implements setLogLevels: it receives the levels, one level meaning it and the more severe ones', async () => {
    const logger = new LevelledLogger();
    const { worker } = await start(logger, { flag: 'log_level' });
    expect(logger.lines).toContain('log: log tick 0');
    expect(logger.lines.join('\n')).not.toContain('debug tick');

    await volume.write({ mode: 'normal', log_level: 'debug' });
    await expectDebug(worker, () => logger.lines.join('\n'), true);
    expect(logger.levels).toEqual(['fatal', 'error', 'warn', 'log', 'debug']);

    await volume.write({ mode: 'normal', log_level: ' Error , DEBUG ' }); // a list: exactly those
    await eventually(() => expect(logger.levels).toEqual(['error', 'debug']));

    await volume.write({ mode: 'normal' });
    await expectDebug(worker, () => logger.lines.join('\n'), false);
    expect(logger.levels).toEqual(['fatal', 'error', 'warn', 'log']);
  });

  it('with a logger without setLogLevels (pino, winston): the onChange hook receives the new levels', async () => {
    const logger = new ThresholdLogger();
    const received: LogLevel[][] = [];
    const { worker } = await start(logger, {
      onChange: (levels) => {
        received.push(levels);
        logger.level = levels.includes('debug') ? 'debug' : 'log';
      },
    });
    expect(received).toEqual([]); // no value at start: nothing to apply
    await volume.write({ mode: 'normal', loglevel: 'debug' });
    await expectDebug(worker, () => logger.lines.join('\n'), true);
    expect(received).toEqual([['fatal', 'error', 'warn', 'log', 'debug']]);

    await volume.write({ mode: 'normal' });
    await expectDebug(worker, () => logger.lines.join('\n'), false);
    expect(received).toHaveLength(2);
  });

  it('applies a value the ConfigMap has at start, and restores the levels when the application closes', async () => {
    await volume.write({ mode: 'normal', loglevel: 'verbose' });
    const logger = new LevelledLogger();
    const received: LogLevel[][] = [];
    const { worker } = await start(logger, { onChange: (levels) => received.push(levels) });
    expect(logger.lines).toContain('debug: debug tick 0');
    expect(received).toEqual([['fatal', 'error', 'warn', 'log', 'debug', 'verbose']]);
    void worker;
    await app?.close();
    app = undefined;
    expect(logger.levels).toEqual(['fatal', 'error', 'warn', 'log']);
  });

  it('a hook that throws is reported as a warning; the levels are applied', async () => {
    const logger = new LevelledLogger();
    const warnings: string[] = [];
    const engineLogger = {
      log: () => undefined,
      warn: (m: string) => warnings.push(m),
      error: () => undefined,
    };
    const { worker } = await start(
      logger,
      {
        onChange: () => {
          throw new Error('hook broke');
        },
      },
      { logger: engineLogger },
    );
    await volume.write({ mode: 'normal', loglevel: 'debug' });
    await expectDebug(worker, () => logger.lines.join('\n'), true);
    expect(warnings.join('\n')).toContain('hook broke');
    expect(warnings.join('\n')).toContain('"loglevel"');
  });

  it('uses a log level flag the set declares with logLevelFlag(), with its default', async () => {
    const flagSet = appFlags();
    defineFlags({ loglevel: logLevelFlag({ default: 'debug' }) }, flagSet);
    const logger = new LevelledLogger();
    const { worker } = await start(logger, true, { flagSet });
    expect(logger.lines).toContain('debug: debug tick 0');
    await volume.write({ mode: 'normal', loglevel: 'log' });
    await expectDebug(worker, () => logger.lines.join('\n'), false);
  });

  it('takes logLevel from a forRootAsync() factory', async () => {
    const flagSet = appFlags();
    await volume.write({ mode: 'normal', loglevel: 'debug' });
    @Module({
      imports: [
        EventEmitterModule.forRoot(),
        DflagModule.forRootAsync({
          useFactory: () => ({ path: volume.dir, flagSet, logLevel: true }),
        }),
      ],
      providers: [Worker],
    })
    class AsyncModule {}
    const moduleRef = await Test.createTestingModule({ imports: [AsyncModule] }).compile();
    app = moduleRef.createNestApplication({ logger: ['fatal', 'error', 'warn', 'log'] });
    const logger = new LevelledLogger();
    app.useLogger(logger);
    await app.init();
    app.get(Worker).tick(1);
    expect(logger.lines).toContain('debug: debug tick 1');
  });

  it('refuses a set that declares the name as another flag, and logLevel options it does not know', async () => {
    const flagSet = appFlags();
    defineFlags(
      { loglevel: flag.string({ default: '', description: 'mine', dynamic: true }) },
      flagSet,
    );
    const rejection = start(new LevelledLogger(), true, { flagSet });
    await expect(rejection).rejects.toThrow(DflagSetupError);
    await expect(rejection).rejects.toThrow(
      /Flag "loglevel" of flag set "app" is not a log level flag/,
    );

    for (const bad of ['debug', { flg: 'x' }, { flag: '' }, { onChange: 'f' }]) {
      expect(() =>
        DflagModule.forRoot({ path: volume.dir, logLevel: bad as LogLevelOption }),
      ).toThrow(/logLevel is .*expected true, false, or \{ flag\?/);
    }
  });
});
