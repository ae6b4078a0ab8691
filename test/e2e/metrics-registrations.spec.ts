import { Module } from '@nestjs/common';
import type { DynamicModule, INestApplication } from '@nestjs/common';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { Test } from '@nestjs/testing';
import { Gauge, Registry } from 'prom-client';
import request from 'supertest';
import { DflagModule, DflagSetupError, FlagSet, defineFlags, flag } from '../../lib/index.js';
import { DflagMetricsModule } from '../../lib/metrics/index.js';
import { eventually } from '../utils/eventually.js';
import { makeAppFlags } from './support/app-flags.js';
import { parseExposition } from './support/exposition.js';
import type { Exposition } from './support/exposition.js';
import { metricsRoute } from './support/metrics.module.js';
import { createVolume } from './support/volume.js';
import type { TestVolume } from './support/volume.js';

function makeBillingFlags() {
  const flagSet = new FlagSet('billing');
  const flags = defineFlags(
    { currency: flag.string({ default: 'EUR', description: 'Currency', dynamic: true }) },
    flagSet,
  );
  return { flagSet, flags };
}

describe('DflagMetricsModule registrations', () => {
  let app: INestApplication | undefined;
  let volume: TestVolume;
  let billing: TestVolume;
  let registry: Registry;
  const apps: INestApplication[] = [];

  beforeEach(async () => {
    registry = new Registry();
    volume = await createVolume({ port: '8080', rate_limit: '10', mode: 'fast' });
    billing = await createVolume({ currency: 'USD' });
  });

  afterEach(async () => {
    for (const one of apps.splice(0)) await one.close();
    app = undefined;
    await volume.remove();
    await billing.remove();
  });

  async function create(metrics: DynamicModule[], twoSets = false): Promise<INestApplication> {
    const { flagSet } = makeAppFlags();
    @Module({
      imports: [
        EventEmitterModule.forRoot(),
        DflagModule.forRoot({ path: volume.dir, flagSet }),
        ...(twoSets
          ? [
              DflagModule.forRoot({
                path: billing.dir,
                flagSet: makeBillingFlags().flagSet,
                name: 'billing',
              }),
            ]
          : []),
        ...metrics,
        metricsRoute(registry),
      ],
    })
    class AppModule {}
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
    const created = moduleRef.createNestApplication({ logger: false });
    apps.push(created);
    await created.init();
    return created;
  }

  const scrape = async (from: INestApplication): Promise<Exposition> =>
    parseExposition((await request(from.getHttpServer()).get('/metrics').expect(200)).text);

  it('two registrations share the metric names, told apart by the flagset label', async () => {
    app = await create(
      [
        DflagMetricsModule.register({ registry }),
        DflagMetricsModule.register({ registry, name: 'billing' }),
      ],
      true,
    );
    let m = await scrape(app);
    expect(m.all('dflag_config_info').map((s) => s.labels.flagset)).toEqual(['default', 'billing']);
    expect(m.all('dflag_flag_changes_total', { flagset: 'billing' })).toEqual([
      {
        name: 'dflag_flag_changes_total',
        labels: { flagset: 'billing', flag: 'currency' },
        value: 0,
      },
    ]);
    expect(m.all('dflag_flag_changes_total', { flagset: 'default' })).toHaveLength(4);
    expect(m.all('dflag_config_reloads_total', { flagset: 'billing' })).toHaveLength(3);
    expect(m.value('dflag_config_reload_duration_seconds_count', { flagset: 'billing' })).toBe(1);
    // One # TYPE line per metric, whatever the number of registrations.
    expect(m.types.size).toBe(16);

    await billing.write({ currency: 'GBP' });
    m = await eventually(async () => {
      const next = await scrape(app!);
      expect(
        next.value('dflag_config_reloads_total', { flagset: 'billing', result: 'applied' }),
      ).toBe(2);
      return next;
    });
    expect(m.value('dflag_flag_changes_total', { flagset: 'billing', flag: 'currency' })).toBe(1);
    expect(m.value('dflag_config_reloads_total', { flagset: 'default', result: 'applied' })).toBe(
      1,
    );
    expect(m.value('dflag_config_hash', { flagset: 'billing', type: 'dynamic' })).not.toBe(
      m.value('dflag_config_hash', { flagset: 'default', type: 'dynamic' }),
    );
  });

  it('closing the application unregisters the metrics; a next application registers again', async () => {
    app = await create([DflagMetricsModule.register({ registry })]);
    expect(registry.getSingleMetric('dflag_config_hash')).toBeDefined();
    await app.close();
    apps.length = 0;
    expect(registry.getMetricsAsArray()).toEqual([]);
    app = await create([DflagMetricsModule.register({ registry })]);
    const m = await scrape(app);
    expect(m.value('dflag_config_reloads_total', { flagset: 'default', result: 'applied' })).toBe(
      1,
    );
  });

  it('registering one registration twice in a registry is a DflagSetupError naming the metric', async () => {
    const error = await create([
      DflagMetricsModule.register({ registry }),
      DflagMetricsModule.register({ registry }),
    ]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DflagSetupError);
    expect((error as Error).message).toBe(
      'The metric dflag_config_last_reload_successful{flagset="default"} is already registered in this registry: DflagMetricsModule.register() was called twice for DflagModule registration "default" with the same registry and prefix "dflag_" (or an application still running in this process registered it). Register each registration\'s metrics once, or give the second register() its own registry or prefix',
    );
  });

  it('a second application registering the same registration is refused; the first keeps its metrics', async () => {
    app = await create([DflagMetricsModule.register({ registry })]);
    const error = await create([DflagMetricsModule.register({ registry })]).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DflagSetupError);
    expect((error as Error).message).toContain(
      'dflag_config_last_reload_successful{flagset="default"} is already registered',
    );
    const m = await scrape(app);
    expect(m.value('dflag_config_ready', { flagset: 'default' })).toBe(1);
    // With its own prefix it registers beside the first.
    const other = await create([DflagMetricsModule.register({ registry, prefix: 'other_' })]);
    expect((await scrape(other)).value('other_config_ready', { flagset: 'default' })).toBe(1);
  });

  it('a name taken by another metric of the registry is a DflagSetupError saying to use another registry or prefix', async () => {
    new Gauge({ name: 'dflag_config_hash', help: 'mine', registers: [registry] });
    const error = await create([DflagMetricsModule.register({ registry })]).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DflagSetupError);
    expect((error as Error).message).toBe(
      'The metric dflag_config_hash is already registered in this registry by something other than DflagMetricsModule: give DflagMetricsModule.register() its own registry (`registry: new Registry()`) or another prefix than "dflag_"',
    );
    // Nothing of ours was left registered by the refused attempt.
    expect(
      registry.getMetricsAsArray().map((metric) => (metric as unknown as { name: string }).name),
    ).toEqual(['dflag_config_hash']);
    app = await create([DflagMetricsModule.register({ registry, prefix: 'myapp_dflag_' })]);
    expect((await scrape(app)).value('myapp_dflag_config_ready', { flagset: 'default' })).toBe(1);
  });

  it('a registration name no DflagModule has is refused at start, saying what to import', async () => {
    const error = await create([DflagMetricsModule.register({ registry, name: 'billing' })]).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DflagSetupError);
    expect((error as Error).message).toBe(
      'DflagMetricsModule.register() found no DflagModule registration named "billing": import DflagModule.forRoot() (or forRootAsync()) with name: "billing" in the application, or give register() the name of one that is',
    );
  });

  it('the global registry is the default', async () => {
    const { register } = await import('prom-client');
    app = await create([DflagMetricsModule.register()]);
    expect(register.getSingleMetric('dflag_config_info')).toBeDefined();
    expect(registry.getSingleMetric('dflag_config_info')).toBeUndefined();
    await app.close();
    apps.length = 0;
    expect(register.getSingleMetric('dflag_config_info')).toBeUndefined();
  });
});

describe('DflagMetricsModule.register() options', () => {
  it('refuses a misspelt name, a bad prefix and a registry that is none, all at once', () => {
    expect(() =>
      DflagMetricsModule.register({ prefix: '1x', registry: {} as Registry, nme: 'a' } as never),
    ).toThrow(
      new DflagSetupError(
        [
          'Invalid options for DflagMetricsModule.register():',
          "  - registry is an object without registerMetric() and getSingleMetric() and removeSingleMetric() and metrics(): expected a prom-client Registry (prom-client's `register`, or `new Registry()`)",
          '  - prefix is the string "1x": expected a string of letters, digits, "_" and ":", not starting with a digit (a Prometheus metric name prefix), or ""',
          '  - "nme" is not an option of DflagMetricsModule.register(): did you mean "name"?',
        ].join('\n'),
      ),
    );
  });

  it('refuses an empty name', () => {
    expect(() => DflagMetricsModule.register({ name: '' })).toThrow(
      'name is the string "": expected a non-empty string',
    );
  });
});
