import { Module } from '@nestjs/common';
import type { INestApplication } from '@nestjs/common';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { Test } from '@nestjs/testing';
import { DflagModule, FlagService } from '../../lib/index.js';
import { eventually } from '../utils/eventually.js';
import { makeAppFlags } from './support/app-flags.js';
import { CapturingLogger } from './support/capturing-logger.js';
import { createVolume } from './support/volume.js';
import type { TestVolume } from './support/volume.js';

const CLI_SECRET = 'cli-secret-4821';
const ENV_SECRET = 'env-secret-9173';

describe('a command-line or environment value hidden by a ConfigMap key', () => {
  let volume: TestVolume;
  let app: INestApplication | undefined;

  beforeEach(async () => {
    volume = await createVolume({ port: '8080', rate_limit: '10', api_key: 'configmap-key' });
  });

  afterEach(async () => {
    await app?.close();
    app = undefined;
    await volume.remove();
  });

  async function start(argv: string[], env: Record<string, string>) {
    const { flagSet } = makeAppFlags();
    // main.ts's order: environment, command line, then the ConfigMap above both.
    flagSet.loadEnvironment({ prefix: 'APP_', env });
    flagSet.parseCommandLine(argv);
    const logger = new CapturingLogger();
    @Module({
      imports: [
        EventEmitterModule.forRoot(),
        DflagModule.forRoot({ path: volume.dir, flagSet, logger }),
      ],
    })
    class AppModule {}
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
    return { flagSet, logger, service: app.get(FlagService) };
  }

  it('is a warning at start naming the flag, the key and the hidden source(s), never a value', async () => {
    const { logger, flagSet } = await start(
      ['--port=9090', `--api_key=${CLI_SECRET}`, '--mode=x'],
      {
        APP_RATE_LIMIT: '55',
        APP_API_KEY: ENV_SECRET,
      },
    );
    expect(flagSet.find('port')?.get()).toBe(8080);
    const file = (name: string) => `${volume.dir}/${name}`;
    expect(logger.warnings()).toEqual([
      {
        level: 'warn',
        message: `Flag "port": the ConfigMap key ${file('port')} hides the value given on the command line (the configmap layer is above command-line); remove the key to use that value`,
        fields: {
          event: 'dflag.hidden',
          flagSet: 'app',
          flag: 'port',
          file: file('port'),
          hidden: ['command-line'],
        },
      },
      {
        level: 'warn',
        message: `Flag "rate_limit": the ConfigMap key ${file('rate_limit')} hides the value given in the environment (the configmap layer is above environment); remove the key to use that value`,
        fields: {
          event: 'dflag.hidden',
          flagSet: 'app',
          flag: 'rate_limit',
          file: file('rate_limit'),
          hidden: ['environment'],
        },
      },
      {
        level: 'warn',
        message: `Flag "api_key": the ConfigMap key ${file('api_key')} hides the value given on the command line and in the environment (the configmap layer is above command-line, environment); remove the key to use that value`,
        fields: {
          event: 'dflag.hidden',
          flagSet: 'app',
          flag: 'api_key',
          file: file('api_key'),
          hidden: ['command-line', 'environment'],
        },
      },
    ]);
    const everything = JSON.stringify(logger.lines);
    // A value counts only as a token of its own: '55' inside a version's timestamp
    // (`..2026_12_02_01_55_00`) or '9090' inside a checksum is not a value shown.
    for (const value of ['9090', '55', CLI_SECRET, ENV_SECRET, 'configmap-key'])
      expect(everything).not.toMatch(new RegExp(`(?<![\\w.-])${value}(?![\\w-])`));
  });

  it('is said once: later versions do not repeat it', async () => {
    const { logger } = await start(['--port=9090'], {});
    expect(logger.warnings()).toHaveLength(1);
    await volume.write({ port: '8080', rate_limit: '20', api_key: 'configmap-key' });
    await eventually(() => expect(logger.lines.filter((l) => l.level === 'log')).toHaveLength(2));
    expect(logger.warnings()).toHaveLength(1);
  });

  it('nothing is said when the ConfigMap has no key for the flag, or nothing below it was set', async () => {
    const { logger } = await start(['--mode=fast'], {});
    expect(logger.warnings()).toEqual([]);
  });
});
