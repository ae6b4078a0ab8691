import { defineFlags, flag, FlagSet } from '../../../lib/index.js';
import { writeConfigMapVolume } from '../../../lib/testing/index.js';
import { eventually } from '../../utils/eventually.js';
import { changedNames, Harness } from './engine-fixture.js';

/** Flags whose validators count what they are asked to check, by flag. */
function countingFlags() {
  const checked: string[] = [];
  const set = new FlagSet('unchanged-keys');
  const counted =
    (name: string) =>
    (n: number): true | string => {
      checked.push(name);
      return n >= 0 || 'must be >= 0';
    };
  const flags = defineFlags(
    {
      a: flag.int({ default: 0, description: 'a', dynamic: true, validate: counted('a') }),
      b: flag.int({ default: 0, description: 'b', dynamic: true, validate: counted('b') }),
      c: flag.int({ default: 0, description: 'c', dynamic: true, validate: counted('c') }),
    },
    set,
  );
  return { set, flags, checked };
}

describe('ConfigMapEngine: keys a version did not change', () => {
  const h = new Harness();
  beforeEach(() => h.setup());
  afterEach(() => h.teardown());

  it('are neither parsed nor validated again; the changed key is', async () => {
    await writeConfigMapVolume(h.dir, { a: '1', b: '1', c: '1' });
    const { set, flags, checked } = countingFlags();
    const { engine, reports } = h.engine(set);
    await engine.start();
    checked.length = 0;
    await writeConfigMapVolume(h.dir, { a: '1', b: '2', c: '1' });
    await eventually(() => expect(reports).toHaveLength(1));
    expect(checked).toEqual(['b']);
    expect(changedNames(reports)).toEqual([['b']]);
    expect([flags.a.get(), flags.b.get(), flags.c.get()]).toEqual([1, 2, 1]);
    expect(engine.status()).toMatchObject({ lastResult: 'applied', errors: [] });
  });

  it('a refused key is checked again and still refused, in every version that keeps it', async () => {
    await writeConfigMapVolume(h.dir, { a: '1', b: '1' });
    const { set, flags } = countingFlags();
    const { engine, reports } = h.engine(set);
    await engine.start();
    await writeConfigMapVolume(h.dir, { a: '1', b: '-1' });
    await eventually(() => expect(reports).toHaveLength(1));
    await writeConfigMapVolume(h.dir, { a: '2', b: '-1' });
    await eventually(() => expect(reports).toHaveLength(2));
    expect(reports.map((r) => r.result)).toEqual(['partial', 'partial']);
    expect(reports[1]!.errors).toEqual([
      `Flag "b" from configmap (${h.dir}/b): refused "-1": must be >= 0; expected a value that passes the flag's validation`,
    ]);
    expect([flags.a.get(), flags.b.get()]).toEqual([2, 1]);
  });

  it('reject-version: a key of a rejected version, unchanged in the next, applies there', async () => {
    await writeConfigMapVolume(h.dir, { a: '1', b: '1' });
    const { set, flags } = countingFlags();
    const { engine, reports } = h.engine(set, { onInvalid: 'reject-version' });
    await engine.start();
    await writeConfigMapVolume(h.dir, { a: '2', b: '-1' });
    await eventually(() => expect(reports).toHaveLength(1));
    expect(reports[0]).toMatchObject({ result: 'rejected' });
    await writeConfigMapVolume(h.dir, { a: '2', b: '3' });
    await eventually(() => expect(reports).toHaveLength(2));
    expect(reports[1]).toMatchObject({ result: 'applied' });
    expect([flags.a.get(), flags.b.get()]).toEqual([2, 3]);
  });

  it('a configmap layer set by anything else is set again from the unchanged key', async () => {
    await writeConfigMapVolume(h.dir, { a: '1', b: '1' });
    const { set, flags } = countingFlags();
    const { engine, reports } = h.engine(set);
    await engine.start();
    set.apply([{ name: 'a', source: 'configmap', raw: '9' }]);
    expect(flags.a.get()).toBe(9);
    await writeConfigMapVolume(h.dir, { a: '1', b: '2' });
    await eventually(() => expect(reports).toHaveLength(1));
    expect([flags.a.get(), flags.b.get()]).toEqual([1, 2]);
  });

  it('a removed key falls back, and when it comes back with its old bytes it applies again', async () => {
    await writeConfigMapVolume(h.dir, { a: '1', b: '1' });
    const { set, flags } = countingFlags();
    const { engine, reports } = h.engine(set);
    await engine.start();
    await writeConfigMapVolume(h.dir, { b: '1' });
    await eventually(() => expect(reports).toHaveLength(1));
    expect(flags.a.get()).toBe(0);
    await writeConfigMapVolume(h.dir, { a: '1', b: '1' });
    await eventually(() => expect(reports).toHaveLength(2));
    expect(flags.a.get()).toBe(1);
    expect(flags.a.source).toBe('configmap');
  });
});
