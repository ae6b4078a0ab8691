import { writeConfigMapVolume } from '../../../lib/testing/index.js';
import { eventually } from '../../utils/eventually.js';
import { changedNames, declareFlags, Harness } from './engine-fixture.js';

describe('ConfigMapEngine on the kubelet layout', () => {
  const h = new Harness();
  beforeEach(() => h.setup());
  afterEach(() => h.teardown());

  it('initialize sets static and dynamic flags', async () => {
    await writeConfigMapVolume(h.dir, {
      greeting: 'hi\n',
      rate: '20',
      port: '9090',
      blob: Buffer.from([0, 1, 2]),
    });
    const { set, flags } = declareFlags();
    const { engine, reports } = h.engine(set);
    const report = await engine.initialize();
    expect(report).toMatchObject({
      generation: 1,
      result: 'applied',
      trigger: 'initialize',
      errors: [],
    });
    expect(flags.greeting.get()).toBe('hi');
    expect(flags.rate.get()).toBe(20);
    expect(flags.port.get()).toBe(9090);
    expect([...flags.blob.get()]).toEqual([0, 1, 2]);
    expect(flags.policy.source).toBe('default');
    expect(flags.port.source).toBe('configmap');
    expect(reports).toEqual([]); // listeners hear nothing of the initial load
    expect(engine.status()).toMatchObject({
      layout: 'kubelet',
      generation: 1,
      lastResult: 'applied',
      watchMode: 'stopped',
    });
  });

  it('a swap changes dynamic flags and reports exactly the flags whose value changed', async () => {
    await writeConfigMapVolume(h.dir, { greeting: 'hi', rate: '20', policy: '{"allow":true}' });
    const { set, flags } = declareFlags();
    const { engine, reports } = h.engine(set);
    await engine.start();
    await writeConfigMapVolume(h.dir, { greeting: 'hi', rate: '21', policy: '{ "allow" : true }' });
    await eventually(() => expect(reports).toHaveLength(1));
    expect(changedNames(reports)).toEqual([['rate']]);
    expect(reports[0]).toMatchObject({ generation: 2, result: 'applied', trigger: 'watch' });
    expect(reports[0]!.changes[0]).toMatchObject({
      name: 'rate',
      previous: 20,
      current: 21,
      source: 'configmap',
    });
    expect(flags.rate.get()).toBe(21);
    expect(engine.status().watchMode).toBe('events');
  });

  it('a no-op write and an identical-content forced swap report nothing', async () => {
    await writeConfigMapVolume(h.dir, { greeting: 'hi', rate: '20' });
    const { set } = declareFlags();
    const { engine, reports } = h.engine(set);
    await engine.start();
    const noop = await writeConfigMapVolume(h.dir, { greeting: 'hi', rate: '20' });
    expect(noop.changed).toBe(false);
    const forced = await writeConfigMapVolume(
      h.dir,
      { greeting: 'hi', rate: '20' },
      { forceSwap: true },
    );
    expect(forced.changed).toBe(true);
    // The engine has seen the forced swap once it reports the new version ...
    await eventually(() => expect(engine.status().version).toBe(forced.version));
    // ... and a later real change is the first report.
    await writeConfigMapVolume(h.dir, { greeting: 'yo', rate: '20' });
    await eventually(() => expect(reports).toHaveLength(1));
    expect(changedNames(reports)).toEqual([['greeting']]);
    expect(engine.status().generation).toBe(2);
  });

  it('a swap that changes only a nested items path (a subdirectory, skipped) reports nothing; one that also changes a key does', async () => {
    await writeConfigMapVolume(h.dir, { greeting: 'hi', 'conf/app.yaml': 'a: 1' });
    const { set, flags } = declareFlags();
    const { engine, reports, logger } = h.engine(set);
    await engine.start();
    const skipped = `Skipped ${h.dir}/conf: a subdirectory is not a flag value (only regular files are read)`;
    expect(engine.status().warnings).toEqual([skipped]);
    // Logged once per version, as an unknown key is.
    const logged = (): number => logger.lines.filter((line) => line === `warn ${skipped}`).length;
    expect(logged()).toBe(1);
    const nested = await writeConfigMapVolume(h.dir, { greeting: 'hi', 'conf/app.yaml': 'a: 2' });
    expect(nested.changed).toBe(true);
    await eventually(() => expect(engine.status().version).toBe(nested.version));
    expect(engine.status().generation).toBe(1);
    expect(logged()).toBe(1);
    await writeConfigMapVolume(h.dir, { greeting: 'yo', 'conf/app.yaml': 'a: 3' });
    await eventually(() => expect(flags.greeting.get()).toBe('yo'));
    expect(changedNames(reports)).toEqual([['greeting']]);
    expect(engine.status().generation).toBe(2);
    expect(logged()).toBe(2);
  });

  it('more than 10 skipped entries are logged in one line, as many unknown keys are', async () => {
    const payload: Record<string, string> = { greeting: 'hi' };
    for (let i = 0; i < 12; i++) payload[`d${String(i).padStart(2, '0')}/f`] = 'x';
    await writeConfigMapVolume(h.dir, payload);
    const { set } = declareFlags();
    const { engine, logger } = h.engine(set);
    await engine.initialize();
    expect(engine.status().warnings).toHaveLength(12);
    expect(logger.lines).toEqual([
      'warn 12 entries skipped (subdirectories, FIFOs, sockets, devices, links that dangle or leave the volume: only regular files are read; is the right directory mounted?): d00, d01, d02, d03, d04, d05, d06, d07, d08, d09, …',
    ]);
  });

  it('key added, key removed (falls back to the next layer), all keys removed', async () => {
    await writeConfigMapVolume(h.dir, { greeting: 'hi' });
    const { set, flags } = declareFlags();
    set.parseCommandLine(['--rate=15']);
    const { engine, reports } = h.engine(set);
    await engine.start();

    await writeConfigMapVolume(h.dir, { greeting: 'hi', rate: '30' });
    await eventually(() => expect(flags.rate.get()).toBe(30));

    await writeConfigMapVolume(h.dir, { greeting: 'hi' });
    await eventually(() => expect(reports).toHaveLength(2));
    expect(reports[1]!.changes).toMatchObject([
      {
        name: 'rate',
        previous: 30,
        current: 15,
        source: 'command-line',
        previousSource: 'configmap',
      },
    ]);

    await writeConfigMapVolume(h.dir, {});
    await eventually(() => expect(reports).toHaveLength(3));
    expect(reports[2]!.changes).toMatchObject([
      { name: 'greeting', previous: 'hi', current: 'hello', source: 'default' },
    ]);
    expect(engine.status().layout).toBe('kubelet');
  });

  it('fsGroup walk with a delay before the swap: the value read is the new one, never a stale one', async () => {
    await writeConfigMapVolume(h.dir, { greeting: 'v1' });
    const { set, flags } = declareFlags();
    const { engine, reports } = h.engine(set);
    await engine.start();
    for (const value of ['v2', 'v3']) {
      await writeConfigMapVolume(
        h.dir,
        { greeting: value },
        { fsGroup: true, fsGroupDelayMs: 100 },
      );
      await eventually(() => expect(flags.greeting.get()).toBe(value));
    }
    expect(
      reports.map((r) => r.changes.map((c) => `${String(c.previous)}->${String(c.current)}`)),
    ).toEqual([['v1->v2'], ['v2->v3']]);
  });

  it('a failed write (orphan timestamped dir) changes nothing', async () => {
    await writeConfigMapVolume(h.dir, { greeting: 'v1' });
    const { set, flags } = declareFlags();
    const { engine, reports } = h.engine(set);
    await engine.start();
    await writeConfigMapVolume(h.dir, { greeting: 'v2' }, { failBeforeSwap: true }).catch(
      () => undefined,
    );
    await writeConfigMapVolume(h.dir, { greeting: 'v3' });
    await eventually(() => expect(flags.greeting.get()).toBe('v3'));
    expect(changedNames(reports)).toEqual([['greeting']]);
  });

  it('a swap between initialize() and start() is caught', async () => {
    await writeConfigMapVolume(h.dir, { rate: '1' });
    const { set, flags } = declareFlags();
    const { engine, reports } = h.engine(set);
    await engine.initialize();
    await writeConfigMapVolume(h.dir, { rate: '2' });
    await engine.start();
    await eventually(() => expect(flags.rate.get()).toBe(2));
    expect(changedNames(reports)).toEqual([['rate']]);
  });

  it('200 back-to-back swaps: final state is the last version, generations increase, no report of a non-change', async () => {
    await writeConfigMapVolume(h.dir, { rate: '0', greeting: 'g' });
    const { set, flags } = declareFlags();
    const { engine, reports } = h.engine(set);
    await engine.start();
    for (let i = 1; i <= 200; i++)
      await writeConfigMapVolume(h.dir, { rate: String(i), greeting: 'g' });
    await eventually(() => expect(flags.rate.get()).toBe(200), { timeout: 10_000 });
    await eventually(() => expect(engine.status().version).toBe(reports.at(-1)?.version));
    const generations = reports.map((r) => r.generation);
    expect(generations).toEqual([...generations].sort((a, b) => a - b));
    expect(new Set(generations).size).toBe(generations.length);
    for (const r of reports) {
      expect(r.changes.map((c) => c.name)).toEqual(['rate']);
      expect(r.changes[0]!.previous).not.toBe(r.changes[0]!.current);
    }
    // Values only move forward: a reload never reads an older version than the one before.
    const seen = reports.map((r) => r.changes[0]!.current as number);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    // The watcher saw nothing it took for an error (a vanished version dir is normal here).
    expect(engine.status()).toMatchObject({
      watchMode: 'events',
      watcherError: undefined,
      errors: [],
    });
  });
});

describe('ConfigMapEngine with chokidar polling (filesystems without inotify)', () => {
  const h = new Harness();
  beforeEach(() => h.setup());
  afterEach(() => h.teardown());

  it('delivers swaps in polling mode', async () => {
    await writeConfigMapVolume(h.dir, { rate: '1' });
    const { set, flags } = declareFlags();
    const { engine } = h.engine(set, { usePolling: true });
    await engine.start();
    expect(engine.status().watchMode).toBe('polling');
    await writeConfigMapVolume(h.dir, { rate: '2' });
    await eventually(() => expect(flags.rate.get()).toBe(2));
  });
});
