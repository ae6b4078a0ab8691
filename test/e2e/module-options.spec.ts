import { Injectable, Module } from '@nestjs/common';
import type { INestApplication, Type } from '@nestjs/common';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { Test } from '@nestjs/testing';
import {
  DflagModule,
  DflagSetupError,
  FlagService,
  FlagSet,
  InjectFlag,
  InjectFlagService,
  InjectFlagSet,
  InjectFlags,
  defaultFlagSet,
  defineFlags,
  flag,
} from '../../lib/index.js';
import type { Flag } from '../../lib/index.js';
import { makeAppFlags } from './support/app-flags.js';
import type { AppFlags } from './support/app-flags.js';
import { createVolume, writePlainDir } from './support/volume.js';
import type { TestVolume } from './support/volume.js';

// This file alone declares into the default set (Vitest runs each file in its own process).
const defaultFlags = defineFlags({
  greeting: flag.string({ default: 'hello', description: 'Greeting', dynamic: true }),
  workers: flag.int({ default: 1, description: 'Workers' }),
});

describe('DflagModule options and injection', () => {
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

  async function boot(root: Type): Promise<INestApplication> {
    const moduleRef = await Test.createTestingModule({ imports: [root] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
    return app;
  }

  it('forRoot(path) binds the default flag set; FlagService.get is typed by its type parameter', async () => {
    await writePlainDir(`${volume.root}/plain`, { greeting: 'hi', workers: '4' });
    @Module({
      imports: [EventEmitterModule.forRoot(), DflagModule.forRoot(`${volume.root}/plain`)],
    })
    class AppModule {}
    const booted = await boot(AppModule);
    const service: FlagService<typeof defaultFlags> = booted.get(FlagService);
    const untyped: FlagService = booted.get(FlagService);

    expect(service.flagSet).toBe(defaultFlagSet);
    const greeting = service.get('greeting');
    expectTypeOf(greeting).toEqualTypeOf<string>();
    expectTypeOf(service.get('workers')).toEqualTypeOf<number>();
    // @ts-expect-error: not a declared name
    service.get('nope');
    expect(greeting).toBe('hi');
    expect(service.getOrThrow('workers')).toBe(4);
    expect(service.has('workers')).toBe(true);
    expect(service.has('nope')).toBe(false);
    expect(service.handle('greeting')).toBe(defaultFlags.greeting);
    expect(Object.keys(service.handles())).toEqual(['greeting', 'workers']);
    expect(untyped.get('greeting')).toBe('hi');
    expectTypeOf(untyped.get('greeting')).toEqualTypeOf<unknown>();
    expect(() => untyped.getOrThrow('nope')).toThrow(
      'Flag "nope" does not exist in flag set "default"',
    );
    expect(untyped.get('nope')).toBeUndefined();
  });

  it('list() describes every flag with redacted sensitive values', async () => {
    await volume.write({ port: '8080', rate_limit: '10', api_key: 'secret-key' });
    const { flagSet } = makeAppFlags();
    @Module({
      imports: [EventEmitterModule.forRoot(), DflagModule.forRoot({ path: volume.dir, flagSet })],
    })
    class AppModule {}
    const service = (await boot(AppModule)).get(FlagService);
    const list = service.list();
    expect(list.map((f) => f.name)).toEqual(['port', 'rate_limit', 'mode', 'api_key']);
    expect(list[1]).toEqual({
      name: 'rate_limit',
      type: 'int',
      dynamic: true,
      sensitive: false,
      description: 'Requests per second',
      current: '10',
      default: '100',
      source: 'configmap',
      lastChanged: expect.any(Date),
      pendingRestart: false,
    });
    expect(list[3]).toMatchObject({ current: '[redacted]', sensitive: true, source: 'configmap' });
    expect(JSON.stringify(list)).not.toContain('secret-key');
  });

  it('forRootAsync takes its options from an injected factory', async () => {
    const { flagSet, flags } = makeAppFlags();
    @Injectable()
    class Settings {
      readonly flagsDir = volume.dir;
    }
    @Module({ providers: [Settings], exports: [Settings] })
    class SettingsModule {}
    @Module({
      imports: [
        EventEmitterModule.forRoot(),
        DflagModule.forRootAsync({
          imports: [SettingsModule],
          inject: [Settings],
          useFactory: async (settings: Settings) => ({
            path: settings.flagsDir,
            flagSet,
            onInvalid: 'reject-version' as const,
          }),
        }),
      ],
    })
    class AppModule {}
    const service = (await boot(AppModule)).get(FlagService);
    expect(service.path).toBe(volume.dir);
    expect(flags.mode.get()).toBe('fast');
    expect(service.status()).toMatchObject({ watchMode: 'events', generation: 1 });
  });

  it('isGlobal makes FlagService injectable in a feature module that does not import DflagModule', async () => {
    const { flagSet } = makeAppFlags();
    @Injectable()
    class Limiter {
      constructor(readonly flags: FlagService<AppFlags>) {}
      limit(): number {
        return this.flags.get('rate_limit');
      }
    }
    @Module({ providers: [Limiter] })
    class FeatureModule {}
    @Module({
      imports: [
        EventEmitterModule.forRoot(),
        DflagModule.forRoot({ path: volume.dir, flagSet, isGlobal: true }),
        FeatureModule,
      ],
    })
    class AppModule {}
    expect((await boot(AppModule)).get(Limiter).limit()).toBe(10);
  });

  it('without isGlobal, a feature module that does not import DflagModule cannot inject FlagService', async () => {
    const { flagSet } = makeAppFlags();
    @Injectable()
    class Limiter {
      constructor(readonly flags: FlagService) {}
    }
    @Module({ providers: [Limiter] })
    class FeatureModule {}
    @Module({
      imports: [
        EventEmitterModule.forRoot(),
        DflagModule.forRoot({ path: volume.dir, flagSet }),
        FeatureModule,
      ],
    })
    class AppModule {}
    await expect(Test.createTestingModule({ imports: [AppModule] }).compile()).rejects.toThrow(
      /FlagService/,
    );
  });

  it('injects one flag, every flag, the set and the service into a provider', async () => {
    const { flagSet, flags } = makeAppFlags();
    @Injectable()
    class Limiter {
      constructor(
        @InjectFlag('rate_limit') readonly rateLimit: Flag<number>,
        @InjectFlags() readonly all: AppFlags,
        @InjectFlagSet() readonly set: FlagSet,
        @InjectFlagService() readonly service: FlagService<AppFlags>,
      ) {}
    }
    @Module({
      imports: [EventEmitterModule.forRoot(), DflagModule.forRoot({ path: volume.dir, flagSet })],
      providers: [Limiter],
    })
    class AppModule {}
    const limiter = (await boot(AppModule)).get(Limiter);
    expect(limiter.rateLimit).toBe(flags.rate_limit);
    expect(limiter.rateLimit.get()).toBe(10);
    expect(limiter.all.mode).toBe(flags.mode);
    expect(Object.keys(limiter.all)).toEqual(['port', 'rate_limit', 'mode', 'api_key']);
    expect(limiter.set).toBe(flagSet);
    expect(limiter.service).toBe(app?.get(FlagService));
  });

  it('@InjectFlag works in a class defined after DflagModule.forRoot() was called', async () => {
    const { flagSet, flags } = makeAppFlags();
    // As when the module holding forRoot() is evaluated before the feature module's files.
    const flagsModule = DflagModule.forRoot({ path: volume.dir, flagSet, isGlobal: true });
    @Injectable()
    class LateConsumer {
      constructor(@InjectFlag('mode') readonly mode: Flag<string>) {}
    }
    @Module({ providers: [LateConsumer] })
    class FeatureModule {}
    @Module({ imports: [EventEmitterModule.forRoot(), flagsModule, FeatureModule] })
    class AppModule {}
    const consumer = (await boot(AppModule)).get(LateConsumer);
    expect(consumer.mode).toBe(flags.mode);
    expect(consumer.mode.get()).toBe('fast');
  });

  it('a provider that injects an undeclared flag fails at start, naming the flag, the set and the provider', async () => {
    const { flagSet } = makeAppFlags();
    @Injectable()
    class Typo {
      constructor(@InjectFlag('rate_limt') readonly rateLimit: Flag<number>) {}
    }
    @Module({
      imports: [EventEmitterModule.forRoot(), DflagModule.forRoot({ path: volume.dir, flagSet })],
      providers: [Typo],
    })
    class AppModule {}
    const compiled = Test.createTestingModule({ imports: [AppModule] }).compile();
    await expect(compiled).rejects.toThrow(DflagSetupError);
    await expect(compiled).rejects.toThrow(
      'Typo injects flag "rate_limt" with @InjectFlag(), but flag set "app" declares no flag of that name',
    );
  });

  it('binds two flag sets to two directories in one application, each with its own registration', async () => {
    const app1 = makeAppFlags('app');
    const billing = new FlagSet('billing');
    const billingFlags = defineFlags(
      {
        currency: flag.string({ default: 'EUR', description: 'Currency', dynamic: true }),
        port: flag.int({ default: 1, description: 'Billing port' }),
      },
      billing,
    );
    const billingVolume = await createVolume({ currency: 'USD', port: '9090' });
    try {
      @Injectable()
      class Checkout {
        constructor(
          readonly appService: FlagService<AppFlags>,
          @InjectFlagService('billing') readonly billing: FlagService<typeof billingFlags>,
          @InjectFlag('currency', 'billing') readonly currency: Flag<string>,
          @InjectFlag('port', 'billing') readonly billingPort: Flag<number>,
          @InjectFlag('port') readonly appPort: Flag<number>,
        ) {}
      }
      @Module({
        imports: [
          EventEmitterModule.forRoot(),
          DflagModule.forRoot({ path: volume.dir, flagSet: app1.flagSet }),
          DflagModule.forRoot({ path: billingVolume.dir, flagSet: billing, name: 'billing' }),
        ],
        providers: [Checkout],
      })
      class AppModule {}
      const checkout = (await boot(AppModule)).get(Checkout);
      expect(checkout.appService.get('port')).toBe(8080);
      expect(checkout.billing.get('currency')).toBe('USD');
      expectTypeOf(checkout.billing.get('currency')).toEqualTypeOf<string>();
      expect(checkout.currency).toBe(billingFlags.currency);
      expect(checkout.billingPort.get()).toBe(9090);
      expect(checkout.appPort.get()).toBe(8080);
      expect(checkout.billing.path).toBe(billingVolume.dir);
      expect(checkout.appService.path).toBe(volume.dir);
      await app?.close();
      app = undefined;
    } finally {
      await billingVolume.remove();
    }
  });

  it('the flags option binds the set the handles were declared in, and refuses handles of two sets', async () => {
    @Module({
      imports: [
        EventEmitterModule.forRoot(),
        DflagModule.forRoot({ path: `${volume.root}/none`, optional: true, flags: defaultFlags }),
      ],
    })
    class GoodModule {}
    expect((await boot(GoodModule)).get(FlagService).flagSet).toBe(defaultFlagSet);
    await app?.close();
    app = undefined;

    // Handles of an explicit set bind that set: no flagSet needed.
    const { flags, flagSet } = makeAppFlags();
    @Module({
      imports: [EventEmitterModule.forRoot(), DflagModule.forRoot({ path: volume.dir, flags })],
    })
    class OwnSetModule {}
    const own = await boot(OwnSetModule);
    expect(own.get(FlagService).flagSet).toBe(flagSet);
    await own.close();
    app = undefined;

    // Handles of two sets cannot be bound together.
    const mixed = { ...flags, ...defaultFlags };
    @Module({
      imports: [
        EventEmitterModule.forRoot(),
        DflagModule.forRoot({ path: volume.dir, flags: mixed }),
      ],
    })
    class BadModule {}
    await expect(Test.createTestingModule({ imports: [BadModule] }).compile()).rejects.toThrow(
      `The flags option holds flags not declared in flag set "app": ${Object.keys(defaultFlags).join(', ')}; pass the set they were declared in as flagSet`,
    );
  });

  it('providers that depend on the flags are built with the ConfigMap values', async () => {
    const { flagSet } = makeAppFlags();
    @Injectable()
    class Pool {
      readonly sizeAtConstruction: number;
      constructor(@InjectFlag('port') port: Flag<number>) {
        this.sizeAtConstruction = port.get();
      }
    }
    const POOL_SIZE = 'POOL_SIZE';
    @Module({
      imports: [EventEmitterModule.forRoot(), DflagModule.forRoot({ path: volume.dir, flagSet })],
      providers: [
        Pool,
        {
          provide: POOL_SIZE,
          useFactory: (service: FlagService<AppFlags>) => service.get('rate_limit'),
          inject: [FlagService],
        },
      ],
    })
    class AppModule {}
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
    // Before init(): the values are already there for what depends on them.
    expect(moduleRef.get(Pool).sizeAtConstruction).toBe(8080);
    expect(moduleRef.get(POOL_SIZE)).toBe(10);
    await moduleRef.close();
  });
});
