import {
  defineFlags,
  flag,
  FlagSet,
  FlagValueError,
  UnknownFlagError,
} from '../../../lib/index.js';

const make = () => {
  const set = new FlagSet('batch');
  const flags = defineFlags(
    {
      a: flag.int({ default: 1, description: 'a', dynamic: true }),
      b: flag.int({ default: 2, description: 'b', dynamic: true }),
      c: flag.string({ default: 'c', description: 'c', dynamic: true }),
    },
    set,
  );
  return { set, flags };
};

describe('batches', () => {
  it('per-flag: valid values apply, refused ones keep their value, the result lists both', () => {
    const { set, flags } = make();
    const result = set.apply(
      [
        { name: 'a', source: 'configmap', raw: '10' },
        { name: 'b', source: 'configmap', raw: 'twenty', origin: '/etc/dflag/b' },
        { name: 'c', source: 'configmap', raw: 'new' },
        { name: 'zzz', source: 'configmap', raw: '1', origin: '/etc/dflag/zzz' },
      ],
      { policy: 'per-flag' },
    );
    expect([flags.a.get(), flags.b.get(), flags.c.get()]).toEqual([10, 2, 'new']);
    expect(result.rejected).toBe(false);
    expect(result.changes.map((c) => [c.name, c.previous, c.current])).toEqual([
      ['a', 1, 10],
      ['c', 'c', 'new'],
    ]);
    expect(result.errors).toHaveLength(2);
    expect(result.errors[0]).toBeInstanceOf(FlagValueError);
    expect(result.errors[0]!.message).toBe(
      'Flag "b" from configmap (/etc/dflag/b): refused "twenty": not an integer; expected a safe integer such as 42, -7, 0x2a, 0o52 or 0b101010',
    );
    expect(result.errors[1]).toBeInstanceOf(UnknownFlagError);
  });

  it('all-or-nothing: one refused value applies nothing', () => {
    const { set, flags } = make();
    const seen: string[] = [];
    flags.a.onChange((c) => seen.push(c.name));
    const result = set.apply(
      [
        { name: 'a', source: 'configmap', raw: '10' },
        { name: 'b', source: 'configmap', raw: 'twenty' },
      ],
      { policy: 'all-or-nothing' },
    );
    expect(result).toMatchObject({ rejected: true, changes: [] });
    expect(result.errors).toHaveLength(1);
    expect([flags.a.get(), flags.b.get()]).toEqual([1, 2]);
    expect(seen).toEqual([]);
  });

  it('readers never observe half a batch: every flag holds its new value before any subscriber runs', () => {
    const { set, flags } = make();
    const observed: Array<[number, number, string]> = [];
    const look = () => observed.push([flags.a.get(), flags.b.get(), flags.c.get()]);
    flags.a.onChange(look);
    flags.b.onChange(look);
    flags.c.onChange(look);
    set.apply([
      { name: 'a', source: 'configmap', raw: '10' },
      { name: 'b', source: 'configmap', raw: '20' },
      { name: 'c', source: 'configmap', raw: 'x' },
    ]);
    expect(observed).toEqual([
      [10, 20, 'x'],
      [10, 20, 'x'],
      [10, 20, 'x'],
    ]);
  });

  it('a throwing subscriber does not stop the batch or the other subscribers', () => {
    const failures: string[] = [];
    const set = new FlagSet('t', {
      onListenerError: (error, name) => failures.push(`${name}: ${(error as Error).message}`),
    });
    const a = set.declare('a', flag.int({ default: 1, description: '' }));
    const b = set.declare('b', flag.int({ default: 1, description: '' }));
    const seen: number[] = [];
    a.onChange(() => {
      throw new Error('boom');
    });
    a.onChange((c) => seen.push(c.current));
    b.onChange((c) => seen.push(c.current));
    set.apply([
      { name: 'a', source: 'configmap', raw: '2' },
      { name: 'b', source: 'configmap', raw: '3' },
    ]);
    expect(seen).toEqual([2, 3]);
    expect(failures).toEqual(['a: boom']);
  });

  it('applyOrThrow lists every problem, one per line', () => {
    const { set } = make();
    expect(() =>
      set.applyOrThrow([
        { name: 'a', source: 'configmap', raw: 'x' },
        { name: 'b', source: 'configmap', raw: 'y' },
      ]),
    ).toThrow(/^Invalid flag values \(nothing was applied\):\n {2}- Flag "a" .*\n {2}- Flag "b" /);
  });
});

describe('subscriptions', () => {
  it('receive only real changes (deep equality for json, list, set and bytes) and can unsubscribe', () => {
    const set = new FlagSet('subs');
    const flags = defineFlags(
      {
        j: flag.json({ default: { a: 1 }, description: '', dynamic: true }),
        l: flag.list({ default: ['a'], description: '', dynamic: true }),
        s: flag.set({ default: new Set(['a', 'b']), description: '', dynamic: true }),
        y: flag.bytes({ default: Buffer.from('hi'), description: '', dynamic: true }),
        i: flag.int({ default: 1, description: '', dynamic: true }),
      },
      set,
    );
    const names: string[] = [];
    const offs = Object.values(flags).map((h) =>
      (h as { onChange: (l: (c: { name: string }) => void) => () => void }).onChange((c) =>
        names.push(c.name),
      ),
    );
    set.apply([
      { name: 'j', source: 'configmap', raw: '{ "a" : 1 }' },
      { name: 'l', source: 'configmap', raw: 'a' },
      { name: 's', source: 'configmap', raw: 'b,a,a' },
      { name: 'y', source: 'configmap', raw: Buffer.from('hi') },
      { name: 'i', source: 'configmap', raw: '0x1' },
    ]);
    expect(names).toEqual([]);
    set.apply([
      { name: 'j', source: 'configmap', raw: '{"a":2}' },
      { name: 'l', source: 'configmap', raw: 'a,b' },
      { name: 's', source: 'configmap', raw: 'c' },
      { name: 'y', source: 'configmap', raw: Buffer.from('ho') },
      { name: 'i', source: 'configmap', raw: '2' },
    ]);
    expect(names).toEqual(['j', 'l', 's', 'y', 'i']);
    offs.forEach((off) => off());
    set.apply([{ name: 'i', source: 'configmap', raw: '3' }]);
    expect(names).toHaveLength(5);
  });

  it('carry the change object', () => {
    const set = new FlagSet('obj');
    const h = set.declare('k', flag.string({ default: 'old', description: '', sensitive: true }));
    let change: unknown;
    h.onChange((c) => (change = c));
    set.apply([{ name: 'k', source: 'configmap', raw: 'new' }]);
    expect(change).toMatchObject({
      name: 'k',
      previous: 'old',
      current: 'new',
      source: 'configmap',
      previousSource: 'default',
      at: expect.any(Date),
      sensitive: true,
    });
    expect(h.lastChanged).toEqual((change as { at: Date }).at);
    // A sensitive flag's values are read through getters, not fields: what copies or walks the
    // fields (a spread, structuredClone, node:assert's diff) gets none of them.
    expect(Object.keys(change as object).sort()).toEqual(
      ['at', 'name', 'previousSource', 'sensitive', 'source'].sort(),
    );
    expect({ ...(change as object) }).not.toHaveProperty('current');
    expect(structuredClone(change)).not.toHaveProperty('previous');
  });

  it("carry a plain flag's values as fields", () => {
    const set = new FlagSet('plain-obj');
    const h = set.declare('k', flag.string({ default: 'old', description: '' }));
    let change: unknown;
    h.onChange((c) => (change = c));
    set.apply([{ name: 'k', source: 'configmap', raw: 'new' }]);
    expect({ ...(change as object) }).toEqual({
      name: 'k',
      previous: 'old',
      current: 'new',
      source: 'configmap',
      previousSource: 'default',
      at: expect.any(Date),
      sensitive: false,
    });
  });
});
