import { Controller, Get, Injectable, Module } from '@nestjs/common';
import type { INestApplication } from '@nestjs/common';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { OnEvent } from '@nestjs/event-emitter';
import { DflagEvent, DflagModule, FlagErrors, FlagService, InjectFlag } from '../../lib/index.js';
import type { Flag, FlagReloadedEvent } from '../../lib/index.js';
import { DflagTestingModule, InMemoryFlagEngine } from '../../lib/testing/dflag-testing.module.js';
import { makeAppFlags } from './support/app-flags.js';
import type { AppFlags } from './support/app-flags.js';
import { EventRecorder } from './support/recorder.js';

// An application as a user writes it: its flags module is exported so that a test can swap it.
const { flagSet, flags } = makeAppFlags();
export const flagsModule = DflagModule.forRoot({
  path: '/etc/dflag-not-mounted-in-tests',
  flagSet,
});

@Injectable()
class Limiter {
  constructor(@InjectFlag('rate_limit') private readonly rateLimit: Flag<number>) {}
  allowed(): number {
    return this.rateLimit.get();
  }
}

@Controller()
class LimitController {
  constructor(
    private readonly limiter: Limiter,
    private readonly flags: FlagService<AppFlags>,
  ) {}
  @Get('limit')
  limit() {
    return { allowed: this.limiter.allowed(), mode: this.flags.get('mode') };
  }
}

@Module({
  imports: [EventEmitterModule.forRoot(), flagsModule],
  controllers: [LimitController],
  providers: [Limiter, EventRecorder],
})
class AppModule {}

describe('DflagTestingModule: an application with given flag values and no directory', () => {
  let app: INestApplication | undefined;

  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('swaps the flags module of a real application, serves the given values, and restores on close', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] })
      .overrideModule(flagsModule)
      .useModule(DflagTestingModule.forRoot({ flagSet, values: { rate_limit: 5, mode: 'test' } }))
      .compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
    await request(app.getHttpServer()).get('/limit').expect(200, { allowed: 5, mode: 'test' });
    expect(flags.rate_limit.source).toBe('override');

    // A new "version": events flow like a ConfigMap update.
    const engine = app.get(InMemoryFlagEngine);
    const recorder = app.get(EventRecorder);
    const report = await engine.set({ rate_limit: 7 });
    expect(report).toMatchObject({ result: 'applied', generation: 2 });
    // Awaiting set() is enough: its events have reached the listeners.
    expect(recorder.reloaded).toHaveLength(1);
    expect(recorder.rateLimitChanges).toEqual([
      expect.objectContaining({ name: 'rate_limit', previous: 5, current: 7, source: 'override' }),
    ]);
    await request(app.getHttpServer()).get('/limit').expect(200, { allowed: 7, mode: 'test' });

    // A refused value is a rejected version, and nothing of it applies.
    expect(await engine.set({ rate_limit: -1, mode: 'other' })).toMatchObject({
      result: 'rejected',
      errors: [expect.stringContaining('must not be negative')],
    });
    expect(flags.mode.get()).toBe('test');

    await app.close();
    app = undefined;
    expect(flags.rate_limit.get()).toBe(100);
    expect(flags.rate_limit.source).toBe('default');
    expect(flags.mode.get()).toBe('normal');
  });

  it('set() resolves once async listeners of its events have settled, and values apply before it resolves', async () => {
    const seen: string[] = [];
    @Injectable()
    class SlowListener {
      @OnEvent(DflagEvent.FlagReloaded)
      async onReloaded(event: FlagReloadedEvent): Promise<void> {
        await new Promise((resolve) => setImmediate(resolve));
        seen.push(`reloaded ${event.generation}`);
      }
    }
    @Module({
      imports: [
        EventEmitterModule.forRoot(),
        DflagTestingModule.forRoot({ flags, values: { rate_limit: 5 } }),
      ],
      providers: [SlowListener],
    })
    class Slow {}
    const moduleRef = await Test.createTestingModule({ imports: [Slow] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
    const engine = app.get<InMemoryFlagEngine<typeof flags>>(InMemoryFlagEngine);
    const pending = engine.set({ rate_limit: 8, mode: 'typed' });
    expect(flags.rate_limit.get()).toBe(8);
    expect(seen).toEqual([]);
    await pending;
    expect(seen).toEqual(['reloaded 2']);
    await engine.reload();
    expect(seen).toEqual(['reloaded 2', 'reloaded 3']);
  });

  it('types the values by the handles given: a misspelt name or a wrong type does not compile', () => {
    // Compiled by `npm run typecheck`, which fails if an expected error is missing.
    DflagTestingModule.forRoot({ flags, values: { rate_limit: 1, mode: 'x' } });
    // @ts-expect-error a misspelt flag name
    DflagTestingModule.forRoot({ flags, values: { rate_limt: 1 } });
    // @ts-expect-error rate_limit is a number
    DflagTestingModule.forRoot({ flags, values: { rate_limit: 'fast' } });
    const engine = new InMemoryFlagEngine<typeof flags>(flagSet);
    // @ts-expect-error a misspelt flag name
    void engine.set({ mdoe: 'x' }).catch(() => undefined);
    expect(engine.initialized).toBe(false);
  });

  it('works without EventEmitterModule, and reports invalid values at compile time', async () => {
    @Module({ imports: [DflagTestingModule.forRoot({ flagSet, values: { port: 1234 } })] })
    class Minimal {}
    const moduleRef = await Test.createTestingModule({ imports: [Minimal] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
    expect(app.get(FlagService).get('port')).toBe(1234);
    expect(app.get(FlagService).status()).toMatchObject({ lastResult: 'applied', generation: 1 });
    await app.close();
    app = undefined;
    expect(flags.port.get()).toBe(3000);

    @Module({
      imports: [DflagTestingModule.forRoot({ flagSet, values: { port: 1.5, nope: 1 } })],
    })
    class Invalid {}
    const compiled = Test.createTestingModule({ imports: [Invalid] }).compile();
    await expect(compiled).rejects.toThrow(FlagErrors);
    await expect(compiled).rejects.toThrow(/Flag "port"[\s\S]*"nope"/);
  });
});
