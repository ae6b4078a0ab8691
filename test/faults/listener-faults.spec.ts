import { defineFlags, flag, FlagSet } from '../../lib/index.js';
import type { ReloadReport } from '../../lib/index.js';
import { writeConfigMapVolume } from '../../lib/testing/index.js';
import { declareFlags, Harness } from '../integration/engine/engine-fixture.js';
import { eventually } from '../utils/eventually.js';
import { settle, trackResources } from '../utils/resource-tracker.js';
import { blockFor, recordProcessFaults } from './process-faults.js';
import type { ProcessFaults } from './process-faults.js';

/** A set whose subscriber failures are recorded, with the flags these tests change. */
function listenedFlags(onListenerError?: (error: unknown, flag: string) => void) {
  const failures: string[] = [];
  const set = new FlagSet('faults', {
    onListenerError:
      onListenerError ?? ((error, name) => failures.push(`${name}: ${String(error)}`)),
  });
  const flags = defineFlags(
    {
      rate: flag.int({ default: 0, description: 'rate', dynamic: true }),
      greeting: flag.string({ default: 'hello', description: 'greeting', dynamic: true }),
      policy: flag.json({ default: {}, description: 'policy', dynamic: true }),
    },
    set,
  );
  return { set, flags, failures };
}

const generations = (reports: readonly ReloadReport[]): number[] =>
  reports.map((r) => r.generation);
const contiguous = (from: number, count: number): number[] =>
  Array.from({ length: count }, (_, i) => from + i);

describe('faults: listeners throw, hang or block', () => {
  const h = new Harness();
  let faults: ProcessFaults;
  beforeEach(async () => {
    await h.setup();
    faults = recordProcessFaults();
  });
  afterEach(async () => {
    faults.stop();
    await h.teardown();
  });

  it('onReload listeners that throw (an Error, null), hang and block: every version applies, the others hear every report', async () => {
    await writeConfigMapVolume(h.dir, { rate: '0' });
    const { set, flags } = declareFlags();
    const { engine, reports, logger } = h.engine(set);
    engine.onReload(() => {
      throw new Error('listener exploded');
    });
    engine.onReload(() => {
      throw null;
    });
    engine.onReload(() => new Promise<never>(() => undefined) as unknown as void);
    engine.onReload(() => blockFor(20));
    const after: ReloadReport[] = [];
    engine.onReload((r) => after.push(r));
    await engine.start();

    for (let rate = 1; rate <= 4; rate++) {
      await writeConfigMapVolume(h.dir, { rate: String(rate) });
      await eventually(() => expect(flags.rate.get()).toBe(rate));
    }
    // A burst: versions may be skipped, none is half applied, the last one wins.
    for (let rate = 5; rate <= 12; rate++) {
      await writeConfigMapVolume(h.dir, { rate: String(rate), greeting: `g${rate}` });
    }
    await eventually(() => expect([flags.rate.get(), flags.greeting.get()]).toEqual([12, 'g12']));

    expect(generations(after)).toEqual(generations(reports));
    expect(generations(after)).toEqual(contiguous(2, after.length));
    const errors = logger.lines.filter((l) => l.startsWith('error '));
    expect(errors.filter((l) => l.includes('listener exploded'))).toHaveLength(after.length);
    expect(errors.filter((l) => l.includes(': null'))).toHaveLength(after.length);
    expect(engine.status()).toMatchObject({ lastResult: 'applied', watchMode: 'events' });
    expect([faults.uncaught, faults.unhandled]).toEqual([[], []]);
  });

  it('flag subscribers that throw, hang and block: the batch applies whole, the other subscribers and the report carry on', async () => {
    await writeConfigMapVolume(h.dir, { rate: '0', greeting: 'a', policy: '{}' });
    const { set, flags, failures } = listenedFlags();
    const { engine, reports } = h.engine(set);
    await engine.start();
    flags.rate.onChange(() => {
      throw new Error('rate subscriber exploded');
    });
    flags.greeting.onChange((async () => new Promise<never>(() => undefined)) as () => void);
    flags.policy.onChange(() => blockFor(20));
    const heard: string[] = [];
    for (const handle of [flags.rate, flags.greeting, flags.policy]) {
      handle.onChange((c) => heard.push(`${c.name}=${JSON.stringify(c.current)}`));
    }
    // Inside a subscriber, every flag of the batch already holds its new value.
    const seenInside: unknown[] = [];
    flags.rate.onChange(() => seenInside.push([flags.greeting.get(), flags.policy.get()]));

    for (let i = 1; i <= 3; i++) {
      await writeConfigMapVolume(h.dir, {
        rate: String(i),
        greeting: `g${i}`,
        policy: JSON.stringify({ i }),
      });
      await eventually(() => expect(reports).toHaveLength(i));
    }
    expect([flags.rate.get(), flags.greeting.get(), flags.policy.get()]).toEqual([
      3,
      'g3',
      { i: 3 },
    ]);
    expect(reports.map((r) => r.changes.map((c) => c.name).sort())).toEqual(
      Array(3).fill(['greeting', 'policy', 'rate']),
    );
    expect(heard.sort()).toEqual(
      [1, 2, 3].flatMap((i) => [`greeting="g${i}"`, `policy={"i":${i}}`, `rate=${i}`]).sort(),
    );
    expect(seenInside).toEqual([1, 2, 3].map((i) => [`g${i}`, { i }]));
    expect(failures).toEqual(Array(3).fill('rate: Error: rate subscriber exploded'));
    expect(engine.status()).toMatchObject({ lastResult: 'applied', errors: [] });
    expect([faults.uncaught, faults.unhandled]).toEqual([[], []]);
  });

  // Once a bug: a rethrowing `onListenerError` hook escaped `FlagSet.apply` after the swap, so
  // the engine reported the served version as `rejected` and never announced the change.
  it('an onListenerError hook that rethrows: the version still counts as applied and its report still goes out', async () => {
    await writeConfigMapVolume(h.dir, { rate: '0' });
    const { set, flags } = listenedFlags((error) => {
      throw error;
    });
    const { engine, reports } = h.engine(set, { resyncInterval: 50 });
    await engine.start();
    flags.rate.onChange(() => {
      throw new Error('rate subscriber exploded');
    });
    await writeConfigMapVolume(h.dir, { rate: '1' });
    await eventually(() => expect(flags.rate.get()).toBe(1));
    await eventually(() => expect(reports.length).toBeGreaterThan(0));
    expect(reports[0]!.changes.map((c) => c.name)).toEqual(['rate']);
    expect(engine.status()).toMatchObject({ lastResult: 'applied', errors: [] });
  });

  it('a reload listener that calls reload(), and one that calls stop(): neither deadlocks', async () => {
    await writeConfigMapVolume(h.dir, { rate: '0' });
    const { set, flags } = declareFlags();
    const { engine, reports } = h.engine(set);
    const nested: Array<Promise<ReloadReport>> = [];
    engine.onReload((report) => {
      if (report.trigger !== 'manual') nested.push(engine.reload());
    });
    await engine.start();
    await writeConfigMapVolume(h.dir, { rate: '1' });
    await eventually(() => expect(nested).toHaveLength(1));
    const manual = await nested[0]!;
    expect(manual).toMatchObject({ trigger: 'manual', generation: 3, changes: [] });
    expect(generations(reports)).toEqual([2, 3]);

    const tracker = trackResources();
    try {
      let stopping: Promise<void> | undefined;
      engine.onReload(() => {
        stopping ??= engine.stop();
      });
      await writeConfigMapVolume(h.dir, { rate: '2' });
      await eventually(() => expect(stopping).toBeDefined());
      await stopping;
      expect(flags.rate.get()).toBe(2);
      expect(engine.status().watchMode).toBe('stopped');
      await writeConfigMapVolume(h.dir, { rate: '3' });
      await settle(() => expect(tracker.where()).toEqual([]), 1000);
      expect(flags.rate.get()).toBe(2);
    } finally {
      tracker.stop();
    }
    expect([faults.uncaught, faults.unhandled]).toEqual([[], []]);
  });
});
