/**
 * A sensitive value must not be confirmable by guessing: whoever may write one layer (the
 * runtime setter, the ConfigMap) but not read the others must see the same whether the value
 * written equals the one serving or not.
 */
import { defineFlags, flag, FlagSet } from '../../lib/index.js';
import type { FlagBatch } from '../../lib/flags/flag-batch.interface.js';
import { RuntimeOverrides } from '../../lib/runtime/runtime-overrides.js';
import { writeConfigMapVolume } from '../../lib/testing/index.js';
import { eventually } from '../utils/eventually.js';
import { FakeClock } from '../utils/fake-clock.js';
import { Harness } from '../integration/engine/engine-fixture.js';

const quiet = { log: () => undefined, warn: () => undefined, error: () => undefined };

describe('a guess of a sensitive value is not confirmed by what a write changes', () => {
  function setup() {
    const flagSet = new FlagSet('oracle');
    const flags = defineFlags(
      {
        pin: flag.int({ default: 0, description: 'pin', dynamic: true, sensitive: true }),
        rate: flag.int({ default: 0, description: 'rate', dynamic: true }),
      },
      flagSet,
    );
    flagSet.apply([
      { name: 'pin', source: 'configmap', raw: '4821', origin: '/etc/dflag/pin' },
      { name: 'rate', source: 'configmap', raw: '5', origin: '/etc/dflag/rate' },
    ]);
    const clock = new FakeClock();
    const overrides = new RuntimeOverrides(
      flagSet,
      { allow: ['pin', 'rate'], allowSensitive: ['pin'] },
      quiet,
      clock,
    );
    const batches: FlagBatch[] = [];
    flagSet.onBatch((batch) => batches.push(batch));
    const heard: string[] = [];
    flags.pin.onChange((change) => heard.push(change.source));
    return { flags, overrides, clock, batches, heard };
  }

  /** What a write shows: whether it made a batch, a change heard and a new `lastChanged`. */
  function shown(write: () => unknown, s: ReturnType<typeof setup>) {
    const before = { batches: s.batches.length, heard: s.heard.length };
    const changedAt = s.flags.pin.lastChanged;
    s.clock.advance(1000);
    write();
    return {
      batch: s.batches.length > before.batches,
      heard: s.heard.length > before.heard,
      lastChanged: s.flags.pin.lastChanged !== changedAt,
    };
  }

  it('the runtime setter: a right guess and a wrong one, set and cleared, show the same', () => {
    const right = setup();
    const wrong = setup();
    const seen = (s: ReturnType<typeof setup>, guess: string) => [
      shown(() => s.overrides.set({ name: 'pin', value: guess }), s),
      shown(() => s.overrides.clear('pin'), s),
    ];
    const rightSeen = seen(right, '4821');
    expect(rightSeen).toEqual(seen(wrong, '1234'));
    expect(rightSeen[0]).toEqual({ batch: true, heard: true, lastChanged: true });
    expect(right.batches.map((b) => b.changes.map((c) => [c.previousSource, c.source]))).toEqual([
      [['configmap', 'runtime']],
      [['runtime', 'configmap']],
    ]);
  });

  it('over a runtime value another operator set: a right guess and a wrong one show the same', () => {
    const right = setup();
    const wrong = setup();
    for (const s of [right, wrong]) s.overrides.set({ name: 'pin', value: '7777' });
    const rightSeen = shown(() => right.overrides.set({ name: 'pin', value: '7777' }), right);
    expect(rightSeen).toEqual(
      shown(() => wrong.overrides.set({ name: 'pin', value: '1234' }), wrong),
    );
    expect(rightSeen).toEqual({ batch: true, heard: true, lastChanged: true });
    expect(right.batches.at(-1)?.changes.map((c) => [c.previousSource, c.source])).toEqual([
      ['runtime', 'runtime'],
    ]);
  });

  it('a plain flag still changes only when its value does', () => {
    const s = setup();
    s.overrides.set({ name: 'rate', value: '5' });
    expect(s.batches).toEqual([]);
    s.overrides.set({ name: 'rate', value: '6' });
    expect(s.batches.map((b) => b.changes.map((c) => c.name))).toEqual([['rate']]);
  });
});

describe('a static sensitive flag: pending restart is no oracle for a ConfigMap writer', () => {
  const h = new Harness();
  beforeEach(() => h.setup());
  afterEach(() => h.teardown());

  function declare() {
    const set = new FlagSet('static-oracle');
    const flags = defineFlags(
      {
        db_pin: flag.int({ default: 0, description: 'pin', sensitive: true }),
        port: flag.int({ default: 80, description: 'port' }),
        greeting: flag.string({ default: '', description: 'greeting', dynamic: true }),
      },
      set,
    );
    // The serving value comes from the environment (a Secret the writer cannot read).
    set.apply([
      { name: 'db_pin', source: 'environment', raw: '4821', origin: 'APP_DB_PIN' },
      { name: 'port', source: 'environment', raw: '8080', origin: 'APP_PORT' },
    ]);
    return { set, flags };
  }

  it('a guess written under its key is pending restart whether right, wrong or the same in another spelling', async () => {
    await writeConfigMapVolume(h.dir, { greeting: 'a' });
    const { set, flags } = declare();
    const { engine } = h.engine(set);
    await engine.start();
    for (const [i, guess] of ['1111', '4821', '0x12d5'].entries()) {
      await writeConfigMapVolume(h.dir, { greeting: `g${i}`, db_pin: guess });
      await eventually(() => expect(flags.greeting.get()).toBe(`g${i}`));
      expect(engine.status().pendingRestart).toEqual(['db_pin']);
      expect(flags.db_pin.get()).toBe(4821);
    }
    await writeConfigMapVolume(h.dir, { greeting: 'back' });
    await eventually(() => expect(flags.greeting.get()).toBe('back'));
    expect(engine.status().pendingRestart).toEqual([]);
  });

  it('a plain static flag is still compared with the value serving', async () => {
    await writeConfigMapVolume(h.dir, { greeting: 'a' });
    const { set, flags } = declare();
    const { engine } = h.engine(set);
    await engine.start();
    await writeConfigMapVolume(h.dir, { greeting: 'b', port: '8080' });
    await eventually(() => expect(flags.greeting.get()).toBe('b'));
    expect(engine.status().pendingRestart).toEqual([]);
    await writeConfigMapVolume(h.dir, { greeting: 'c', port: '9090' });
    await eventually(() => expect(flags.greeting.get()).toBe('c'));
    expect(engine.status().pendingRestart).toEqual(['port']);
  });

  it('a sensitive key the ConfigMap held at start waits for a restart only when it differs from that', async () => {
    await writeConfigMapVolume(h.dir, { greeting: 'a', db_pin: '1000' });
    const { set, flags } = declare();
    const { engine } = h.engine(set);
    await engine.start();
    expect(flags.db_pin.get()).toBe(1000);
    await writeConfigMapVolume(h.dir, { greeting: 'b', db_pin: '2000' });
    await eventually(() => expect(flags.greeting.get()).toBe('b'));
    expect(engine.status().pendingRestart).toEqual(['db_pin']);
    await writeConfigMapVolume(h.dir, { greeting: 'c', db_pin: '1000' });
    await eventually(() => expect(flags.greeting.get()).toBe('c'));
    expect(engine.status().pendingRestart).toEqual([]);
    await writeConfigMapVolume(h.dir, { greeting: 'd' });
    await eventually(() => expect(flags.greeting.get()).toBe('d'));
    expect(engine.status().pendingRestart).toEqual(['db_pin']);
  });
});
