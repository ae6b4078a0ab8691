import { Injectable, Module } from '@nestjs/common';
import type { INestApplication } from '@nestjs/common';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { Test } from '@nestjs/testing';
import type { Client } from '@openfeature/server-sdk';
import { defineFlags, DflagModule, flag, FlagService, FlagSet } from '../../../lib/index.js';
import type { DflagLogger, DflagModuleOptions } from '../../../lib/index.js';
import { DflagOpenFeatureModule, InjectOpenFeatureClient } from '../../../lib/openfeature/index.js';
import type { DflagOpenFeatureModuleOptions } from '../../../lib/openfeature/index.js';

/** SECRET is the sensitive flag's ConfigMap value: it must reach no hook, event, metadata or log. */
export const SECRET = 'sk_live_do-not-leak-0451';

/** openFeatureFlags declares one flag of every kind into a fresh set. */
export function openFeatureFlags(name = 'of-app') {
  const flagSet = new FlagSet(name);
  const flags = defineFlags(
    {
      port: flag.int({ default: 3000, description: 'HTTP port' }),
      rate: flag.int({
        default: 100,
        description: 'Requests per second',
        dynamic: true,
        validate: (n) => (n >= 0 ? true : 'must not be negative'),
      }),
      ratio: flag.float({ default: 0.5, description: 'Sampling ratio', dynamic: true }),
      timeout: flag.duration({ default: 1000, description: 'Upstream timeout', dynamic: true }),
      enabled: flag.bool({ default: false, description: 'Feature on', dynamic: true }),
      mode: flag.string({ default: 'normal', description: 'Serving mode', dynamic: true }),
      limits: flag.json({ default: { burst: 1 }, description: 'Limits', dynamic: true }),
      hosts: flag.list({ default: [], description: 'Upstream hosts', dynamic: true }),
      tags: flag.set({ default: new Set<string>(), description: 'Tags', dynamic: true }),
      cert: flag.bytes({ default: new Uint8Array(), description: 'Certificate', dynamic: true }),
      api_key: flag.string({
        default: 'sk_test_0',
        description: 'Upstream key',
        dynamic: true,
        sensitive: true,
      }),
    },
    flagSet,
  );
  return { flagSet, flags };
}

export type OpenFeatureFlags = ReturnType<typeof openFeatureFlags>['flags'];

/** The ConfigMap every test starts from. */
export const INITIAL = {
  port: '8080',
  rate: '10',
  ratio: '0.25',
  timeout: '1m30s',
  enabled: 'true',
  limits: '{"burst": 5, "paths": ["/a"]}',
  hosts: 'a.example, b.example',
  tags: 'blue, green',
  cert: 'certificate bytes',
  api_key: SECRET,
};

/** RecordingLogger keeps every line the module logs, to search them for secrets. */
export class RecordingLogger implements DflagLogger {
  readonly lines: string[] = [];
  log(message: string, fields?: Record<string, unknown>): void {
    this.lines.push(`log: ${message} ${JSON.stringify(fields ?? {})}`);
  }
  warn(message: string, fields?: Record<string, unknown>): void {
    this.lines.push(`warn: ${message} ${JSON.stringify(fields ?? {})}`);
  }
  error(message: string, fields?: Record<string, unknown>): void {
    this.lines.push(`error: ${message} ${JSON.stringify(fields ?? {})}`);
  }
}

export interface OpenFeatureApp {
  readonly app: INestApplication;
  readonly client: Client;
  readonly flags: OpenFeatureFlags;
  readonly flagService: FlagService<OpenFeatureFlags>;
  readonly logger: RecordingLogger;
}

/**
 * startOpenFeatureApp starts a real Nest application: DflagModule over the volume, the
 * provider registered under `domain`, and a service that injects the domain's client.
 */
export async function startOpenFeatureApp(
  dir: string,
  domain: string,
  options: {
    dflag?: Omit<DflagModuleOptions, 'path' | 'flagSet'>;
    openFeature?: Omit<DflagOpenFeatureModuleOptions, 'domain'>;
    setName?: string;
  } = {},
): Promise<OpenFeatureApp> {
  const { flagSet, flags } = openFeatureFlags(options.setName);
  const logger = new RecordingLogger();

  @Injectable()
  class Reader {
    constructor(@InjectOpenFeatureClient(domain) readonly client: Client) {}
  }

  @Module({
    imports: [
      EventEmitterModule.forRoot(),
      DflagModule.forRoot({ path: dir, flagSet, logger, ...options.dflag }),
      DflagOpenFeatureModule.forRoot({ domain, ...options.openFeature }),
    ],
    providers: [Reader],
  })
  class AppModule {}

  const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  await app.init();
  return {
    app,
    client: app.get(Reader).client,
    flags,
    flagService: app.get<FlagService<OpenFeatureFlags>>(FlagService),
    logger,
  };
}
