import { FlagErrors } from '../../../lib/index.js';
import { writeConfigMapVolume } from '../../../lib/testing/index.js';
import { eventually } from '../../utils/eventually.js';
import { changedNames, declareFlags, Harness } from './engine-fixture.js';

describe('ConfigMapEngine: invalid values, static flags, unknown keys, start-up', () => {
  const h = new Harness();
  beforeEach(() => h.setup());
  afterEach(() => h.teardown());

  it('keep-last-good (default): the bad key keeps its value, the others update, errors name flag and file', async () => {
    await writeConfigMapVolume(h.dir, { greeting: 'a', rate: '1' });
    const { set, flags } = declareFlags();
    const { engine, reports } = h.engine(set);
    await engine.start();
    await writeConfigMapVolume(h.dir, { greeting: 'b', rate: '-5' });
    await eventually(() => expect(reports).toHaveLength(1));
    expect(reports[0]).toMatchObject({ result: 'partial' });
    expect(reports[0]!.errors).toEqual([
      `Flag "rate" from configmap (${h.dir}/rate): refused "-5": must be >= 0; expected a value that passes the flag's validation`,
    ]);
    expect(changedNames(reports)).toEqual([['greeting']]);
    expect([flags.greeting.get(), flags.rate.get()]).toEqual(['b', 1]);
    expect(engine.status()).toMatchObject({ lastResult: 'partial', errors: reports[0]!.errors });
    const success = engine.status().lastSuccessAt;

    await writeConfigMapVolume(h.dir, { greeting: 'b', rate: '7' });
    await eventually(() => expect(flags.rate.get()).toBe(7));
    expect(engine.status()).toMatchObject({ lastResult: 'applied', errors: [] });
    expect(engine.status().lastSuccessAt!.getTime()).toBeGreaterThan(success!.getTime());
  });

  it('reject-version: nothing of an invalid version applies', async () => {
    await writeConfigMapVolume(h.dir, { greeting: 'a', rate: '1' });
    const { set, flags } = declareFlags();
    const { engine, reports } = h.engine(set, { onInvalid: 'reject-version' });
    await engine.start();
    const bad = await writeConfigMapVolume(h.dir, { greeting: 'b', rate: 'many' });
    await eventually(() => expect(reports).toHaveLength(1));
    expect(reports[0]).toMatchObject({ result: 'rejected', changes: [], version: bad.version });
    expect([flags.greeting.get(), flags.rate.get()]).toEqual(['a', 1]);
    expect(engine.status().version).not.toBe(bad.version); // the version serving is the last good one
  });

  it('a static flag changed after start is not applied and is pending restart', async () => {
    await writeConfigMapVolume(h.dir, { port: '9000' });
    const { set, flags } = declareFlags();
    const { engine, reports } = h.engine(set);
    await engine.start();
    await writeConfigMapVolume(h.dir, { port: '9001', greeting: 'x' });
    await eventually(() => expect(reports).toHaveLength(1));
    expect(flags.port.get()).toBe(9000);
    expect(changedNames(reports)).toEqual([['greeting']]);
    expect(engine.status().pendingRestart).toEqual(['port']);
    expect(reports[0]!.warnings).toContain(
      `Static flag "port" (${h.dir}/port) changed in the ConfigMap: it takes effect on restart`,
    );
    // Put back: no longer pending.
    await writeConfigMapVolume(h.dir, { port: '9000', greeting: 'x' });
    await eventually(() => expect(engine.status().pendingRestart).toEqual([]));
  });

  it('unknown keys are warnings, listed in status and logged once per key and version', async () => {
    await writeConfigMapVolume(h.dir, { greeting: 'a', future_flag: 'on' });
    const { set, flags } = declareFlags();
    const { engine, reports, logger } = h.engine(set);
    await engine.start();
    expect(flags.greeting.get()).toBe('a');
    const warning = `Unknown key ${h.dir}/future_flag: no flag of that name is declared (ignored; it may be meant for a newer release)`;
    expect(engine.status().warnings).toEqual([warning]);
    expect(engine.status().lastResult).toBe('applied');
    await writeConfigMapVolume(h.dir, { greeting: 'b', future_flag: 'on' });
    await eventually(() => expect(reports).toHaveLength(1));
    await engine.reload();
    expect(logger.lines.filter((l) => l === `warn ${warning}`)).toHaveLength(2); // versions 1 and 2, not the manual re-read
  });

  it('start-up: an invalid value fails initialize() with one error listing every bad key, applying nothing', async () => {
    await writeConfigMapVolume(h.dir, {
      greeting: 'ok',
      rate: 'lots',
      policy: '{bad json',
      port: '99999999999999999999',
    });
    const { set, flags } = declareFlags();
    const { engine } = h.engine(set);
    const error = await engine.initialize().then(
      () => undefined,
      (e: unknown) => e as FlagErrors,
    );
    expect(error).toBeInstanceOf(FlagErrors);
    const lines = error!.message.split('\n');
    expect(lines[0]).toBe(
      `Invalid flag values in the ConfigMap at ${h.dir} (nothing was applied; set startOnInvalid to start on the valid values and defaults):`,
    );
    expect(lines.slice(1).map((l) => /Flag "(\w+)"/.exec(l)?.[1])).toEqual([
      'rate',
      'policy',
      'port',
    ]);
    expect(flags.greeting.get()).toBe('hello');
  });

  it('start-up with startOnInvalid: valid values plus fallbacks, and it keeps watching', async () => {
    await writeConfigMapVolume(h.dir, { greeting: 'ok', rate: 'lots' });
    const { set, flags } = declareFlags();
    const { engine, reports } = h.engine(set, { startOnInvalid: true });
    const report = await engine.initialize();
    expect(report.result).toBe('partial');
    expect([flags.greeting.get(), flags.rate.get()]).toEqual(['ok', 10]);
    await engine.start();
    expect(engine.status()).toMatchObject({ startedOnFallbacks: true, watchMode: 'events' });
    await writeConfigMapVolume(h.dir, { greeting: 'ok', rate: '3' });
    await eventually(() => expect(flags.rate.get()).toBe(3));
    expect(reports.at(-1)!.result).toBe('applied');
  });

  it('a missing directory is a clear error naming the path and the volume mount', async () => {
    const { set } = declareFlags();
    const { engine } = h.engine(set, { path: `${h.dir}/nope` });
    await expect(engine.initialize()).rejects.toThrow(
      `The ConfigMap directory ${h.dir}/nope does not exist. Mount the ConfigMap volume there (volumeMounts[].mountPath: ${h.dir}/nope), or set optional: true to start on defaults and pick it up when it appears`,
    );
  });
});
