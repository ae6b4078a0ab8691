import { Injectable, Module } from '@nestjs/common';
import type { INestApplication } from '@nestjs/common';
import { EventEmitterModule, OnEvent } from '@nestjs/event-emitter';
import { Test } from '@nestjs/testing';
import {
  DflagEvent,
  DflagModule,
  FlagService,
  InjectFlagSet,
  OnFlagChange,
  REDACTED,
} from '../../lib/index.js';
import type { FlagChangedEvent, FlagReloadedEvent, FlagSet } from '../../lib/index.js';
import { messages } from '../../lib/errors/messages.constant.js';
import { DflagTestingModule, InMemoryFlagEngine } from '../../lib/testing/dflag-testing.module.js';
import { eventually } from '../utils/eventually.js';
import { makeAppFlags } from './support/app-flags.js';
import type { AppFlags } from './support/app-flags.js';
import { createVolume } from './support/volume.js';
import type { TestVolume } from './support/volume.js';

type Entry =
  | { readonly event: 'changed'; readonly payload: FlagChangedEvent }
  | { readonly event: 'reloaded'; readonly payload: FlagReloadedEvent };

/** BusLog keeps every dflag event in the order the bus delivered it, and what `@OnFlagChange` heard. */
@Injectable()
class BusLog {
  readonly entries: Entry[] = [];
  readonly modeChanges: FlagChangedEvent[] = [];

  @OnEvent(DflagEvent.FlagChanged)
  onChanged(payload: FlagChangedEvent): void {
    this.entries.push({ event: 'changed', payload });
  }

  @OnEvent(DflagEvent.FlagReloaded)
  onReloaded(payload: FlagReloadedEvent): void {
    this.entries.push({ event: 'reloaded', payload });
  }

  @OnFlagChange('mode')
  onMode(payload: FlagChangedEvent): void {
    this.modeChanges.push(payload);
  }

  /** The log as `changed:name` / `reloaded:generation` lines, to compare order at a glance. */
  lines(): string[] {
    return this.entries.map((e) =>
      e.event === 'changed'
        ? `changed:${e.payload.name}`
        : `reloaded:${e.payload.generation}:${e.payload.trigger}`,
    );
  }
}

describe('every change of a bound flag set reaches the bus', () => {
  let volume: TestVolume;
  let app: INestApplication | undefined;

  beforeEach(async () => {
    // `mode` is not in the ConfigMap, so the environment and command-line layers serve it.
    volume = await createVolume({ port: '8080', rate_limit: '10', api_key: 'k1' });
  });

  afterEach(async () => {
    await app?.close();
    app = undefined;
    await volume.remove();
  });

  async function start(): Promise<{
    flagSet: FlagSet;
    flags: AppFlags;
    log: BusLog;
    service: FlagService;
  }> {
    const { flagSet, flags } = makeAppFlags();
    @Module({
      imports: [EventEmitterModule.forRoot(), DflagModule.forRoot({ path: volume.dir, flagSet })],
      providers: [BusLog],
    })
    class AppModule {}
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
    return { flagSet, flags, log: app.get(BusLog), service: app.get(FlagService) };
  }

  /**
   * barrier plays a manual reload (a version that changes nothing) and waits
   * for its `flag.reloaded`: the bus is ordered, so every event of what came
   * before has been delivered by then, and a late duplicate would show.
   */
  async function barrier(log: BusLog, service: FlagService): Promise<void> {
    const report = await service.reload();
    await eventually(() =>
      expect(
        log.entries.some(
          (e) => e.event === 'reloaded' && e.payload.generation === report.generation,
        ),
      ).toBe(true),
    );
  }

  it('override() and its removal emit flag.changed with their source, once each, and no flag.reloaded', async () => {
    const { flagSet, log, service } = await start();
    const restore = flagSet.override({ rate_limit: 1 });
    await eventually(() => expect(log.entries).toHaveLength(1));
    expect(log.entries[0]?.payload).toMatchObject({
      name: 'rate_limit',
      previous: 10,
      current: 1,
      source: 'override',
      previousSource: 'configmap',
      sensitive: false,
      generation: 1, // the ConfigMap version in force: a change not from the ConfigMap counts no version
      checksum: flagSet.checksum('dynamic'),
      flagSet: 'app',
      path: volume.dir,
    });
    expect((log.entries[0]?.payload as FlagChangedEvent).at).toBeInstanceOf(Date);

    restore();
    await barrier(log, service);
    expect(log.lines()).toEqual(['changed:rate_limit', 'changed:rate_limit', 'reloaded:2:manual']);
    expect(log.entries[1]?.payload).toMatchObject({
      previous: 1,
      current: 10,
      source: 'configmap',
      previousSource: 'override',
      generation: 1,
    });
    expect(service.status().generation).toBe(2);
  });

  it('apply(), loadEnvironment() and parseCommandLine() after start reach the bus and @OnFlagChange, in order', async () => {
    const { flagSet, flags, log, service } = await start();
    // Synchronous, one after the other: the bus must keep this order.
    flagSet.loadEnvironment({ prefix: 'APP_', env: { APP_MODE: 'from-env' } });
    flagSet.parseCommandLine(['--mode=from-argv']);
    flagSet.apply([
      { name: 'mode', source: 'override', value: 'from-apply' },
      { name: 'rate_limit', source: 'override', value: 3 },
    ]);
    // Served by the ConfigMap: a lower layer changes no value, so no event.
    flagSet.apply([{ name: 'rate_limit', source: 'environment', raw: '50' }]);
    expect(flags.mode.get()).toBe('from-apply');

    await barrier(log, service);
    expect(log.lines()).toEqual([
      'changed:mode',
      'changed:mode',
      'changed:mode',
      'changed:rate_limit',
      'reloaded:2:manual',
    ]);
    expect(log.entries.slice(0, 4).map((e) => e.payload)).toMatchObject([
      { name: 'mode', previous: 'normal', current: 'from-env', source: 'environment' },
      { name: 'mode', previous: 'from-env', current: 'from-argv', source: 'command-line' },
      { name: 'mode', previous: 'from-argv', current: 'from-apply', source: 'override' },
      { name: 'rate_limit', previous: 10, current: 3, source: 'override' },
    ]);
    expect(log.modeChanges.map((e) => e.current)).toEqual(['from-env', 'from-argv', 'from-apply']);
  });

  it('interleaved with ConfigMap swaps: one flag.changed per change, one flag.reloaded per version, in order', async () => {
    const { flagSet, log, service } = await start();
    const restore = flagSet.override({ rate_limit: 1 });
    await volume.write({ port: '8080', rate_limit: '20', api_key: 'k2', mode: 'maintenance' });
    await eventually(() =>
      expect(log.entries.filter((e) => e.event === 'reloaded')).toHaveLength(1),
    );
    restore();
    await volume.write({ port: '8080', rate_limit: '30', api_key: 'k2', mode: 'maintenance' });
    await eventually(() =>
      expect(log.entries.filter((e) => e.event === 'reloaded')).toHaveLength(2),
    );
    await barrier(log, service);

    expect(log.lines()).toEqual([
      'changed:rate_limit', // override 10 → 1
      'changed:mode', // version 2, in declaration order (rate_limit 20 is hidden by the override)
      'changed:api_key',
      'reloaded:2:watch',
      'changed:rate_limit', // override removed: 1 → 20, the ConfigMap's value
      'changed:rate_limit', // version 3: 20 → 30
      'reloaded:3:watch',
      'reloaded:4:manual',
    ]);
    const payloads = log.entries.map((e) => e.payload);
    expect(payloads[1]).toMatchObject({
      current: 'maintenance',
      source: 'configmap',
      generation: 2,
    });
    expect(payloads[2]).toMatchObject({ name: 'api_key', current: REDACTED, generation: 2 });
    expect(payloads[3]).toMatchObject({ result: 'applied', generation: 2 });
    expect((payloads[3] as FlagReloadedEvent).changes).toEqual([payloads[1], payloads[2]]);
    expect(payloads[4]).toMatchObject({
      previous: 1,
      current: 20,
      source: 'configmap',
      previousSource: 'override',
      generation: 2,
    });
    expect(payloads[5]).toMatchObject({ previous: 20, current: 30, generation: 3 });
    expect((payloads[6] as FlagReloadedEvent).changes).toEqual([payloads[5]]);
  });

  it('a change a handle subscriber makes while a version applies follows that version’s changes', async () => {
    const { flagSet, flags, log, service } = await start();
    flags.rate_limit.onChange((change) => {
      if (change.current === 20) flagSet.override({ mode: 'busy' });
    });
    await volume.write({ port: '8080', rate_limit: '20', api_key: 'k1' });
    await eventually(() => expect(log.entries.some((e) => e.event === 'reloaded')).toBe(true));
    await barrier(log, service);
    expect(log.lines()).toEqual([
      'changed:rate_limit',
      'changed:mode',
      'reloaded:2:watch',
      'reloaded:3:manual',
    ]);
    expect(log.entries[1]?.payload).toMatchObject({ current: 'busy', generation: 2 });
    expect((log.entries[2]?.payload as FlagReloadedEvent).changes).toHaveLength(1);
  });

  it('sensitive values set through the flag set stay redacted on the bus', async () => {
    const { flagSet, log, service } = await start();
    flagSet.override({ api_key: 'hunter2-override' });
    flagSet.apply([{ name: 'api_key', source: 'override', value: 'hunter3' }]);
    await barrier(log, service);
    const changed = log.entries.filter((e) => e.event === 'changed').map((e) => e.payload);
    expect(changed).toMatchObject([
      { name: 'api_key', previous: REDACTED, current: REDACTED, sensitive: true },
      { name: 'api_key', previous: REDACTED, current: REDACTED, sensitive: true },
    ]);
    const text = JSON.stringify(log.entries);
    expect(text).not.toContain('hunter');
    expect(text).not.toContain('k1');
  });

  it('a change a provider makes while the application is created is delivered once listeners are bound', async () => {
    const { flagSet } = makeAppFlags();
    @Injectable()
    class Warmup {
      constructor(@InjectFlagSet() set: FlagSet) {
        set.override({ mode: 'warming' });
      }
    }
    @Module({
      imports: [EventEmitterModule.forRoot(), DflagModule.forRoot({ path: volume.dir, flagSet })],
      providers: [Warmup, BusLog],
    })
    class AppModule {}
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
    const log = app.get(BusLog);
    await barrier(log, app.get(FlagService));
    expect(log.lines()).toEqual(['changed:mode', 'reloaded:2:manual']);
    expect(log.modeChanges).toMatchObject([{ previous: 'normal', current: 'warming' }]);
  });

  it('nothing reaches the bus after the application closed', async () => {
    const { flagSet, log } = await start();
    await app?.close();
    app = undefined;
    flagSet.override({ rate_limit: 2 });
    await new Promise<void>((resolve) => queueMicrotask(resolve));
    await new Promise<void>((resolve) => setImmediate(resolve));
    expect(log.entries).toEqual([]);
  });
});

describe('the test kit: changes through the flag set reach the bus too', () => {
  let app: INestApplication | undefined;

  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('override() emits flag.changed alone; engine.set() emits one flag.changed per change and one flag.reloaded', async () => {
    const { flagSet } = makeAppFlags('kit');
    @Module({
      imports: [
        EventEmitterModule.forRoot(),
        DflagTestingModule.forRoot({ flagSet, values: { mode: 'test' } }),
      ],
      providers: [BusLog],
    })
    class KitModule {}
    const moduleRef = await Test.createTestingModule({ imports: [KitModule] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
    const log = app.get(BusLog);
    const engine = app.get(InMemoryFlagEngine);

    flagSet.override({ mode: 'overridden' });
    await engine.set({ rate_limit: 7, mode: 'set' });
    expect(log.entries.some((e) => e.event === 'reloaded')).toBe(true);
    await engine.reload();
    expect(log.entries.filter((e) => e.event === 'reloaded')).toHaveLength(2);

    expect(log.lines()).toEqual([
      'changed:mode',
      'changed:rate_limit',
      'changed:mode',
      'reloaded:2:manual',
      'reloaded:3:manual',
    ]);
    expect(log.entries[0]?.payload).toMatchObject({
      previous: 'test',
      current: 'overridden',
      source: 'override',
      generation: 1,
      flagSet: 'kit',
      path: messages.testingPath,
    });
    expect(log.entries[2]?.payload).toMatchObject({ current: 'set', generation: 2 });
    expect(log.modeChanges.map((e) => e.current)).toEqual(['overridden', 'set']);
  });
});
