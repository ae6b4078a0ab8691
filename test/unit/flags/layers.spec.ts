import { defineFlags, flag, FlagSet } from '../../../lib/index.js';

const make = () => {
  const set = new FlagSet('layers');
  const flags = defineFlags(
    {
      rate: flag.int({ default: 1, description: 'rate', dynamic: true }),
      name: flag.string({ default: 'def', description: 'name' }),
    },
    set,
  );
  return { set, flags };
};

describe('sources as layers', () => {
  it('stacks default < environment < command line < configmap, and falls back on removal', () => {
    const { set, flags } = make();
    expect([flags.rate.get(), flags.rate.source]).toEqual([1, 'default']);

    set.loadEnvironment({ prefix: 'APP_', env: { APP_RATE: '2' } });
    expect([flags.rate.get(), flags.rate.source]).toEqual([2, 'environment']);

    set.parseCommandLine(['--rate=3']);
    expect([flags.rate.get(), flags.rate.source]).toEqual([3, 'command-line']);

    set.apply([{ name: 'rate', source: 'configmap', raw: '4\n', origin: '/etc/dflag/rate' }]);
    expect([flags.rate.get(), flags.rate.source]).toEqual([4, 'configmap']);

    // The ConfigMap key is removed: back to the command line.
    const removed = set.apply([{ name: 'rate', source: 'configmap' }]);
    expect([flags.rate.get(), flags.rate.source]).toEqual([3, 'command-line']);
    expect(removed.changes).toMatchObject([
      {
        name: 'rate',
        previous: 4,
        current: 3,
        source: 'command-line',
        previousSource: 'configmap',
      },
    ]);

    set.apply([{ name: 'rate', source: 'command-line' }]);
    expect([flags.rate.get(), flags.rate.source]).toEqual([2, 'environment']);
    set.loadEnvironment({ prefix: 'APP_', env: {} });
    expect([flags.rate.get(), flags.rate.source]).toEqual([1, 'default']);
  });

  it('a lower layer changing under a higher one changes nothing visible', () => {
    const { set, flags } = make();
    set.apply([{ name: 'rate', source: 'configmap', raw: '9' }]);
    const seen: unknown[] = [];
    flags.rate.onChange((c) => seen.push(c));
    const result = set.apply([{ name: 'rate', source: 'command-line', raw: '5' }]);
    expect(result.changes).toEqual([]);
    expect(seen).toEqual([]);
    expect(flags.rate.valueFrom('command-line')).toBe(5);
    expect(flags.rate.get()).toBe(9);
  });

  it('the same value from a higher layer moves the source without reporting a change', () => {
    const { set, flags } = make();
    const result = set.apply([{ name: 'rate', source: 'configmap', raw: '1' }]);
    expect(result.changes).toEqual([]);
    expect(flags.rate.source).toBe('configmap');
    expect(flags.rate.lastChanged).toBeUndefined();
  });

  it('overrides sit above every layer and restore', () => {
    const { set, flags } = make();
    set.apply([{ name: 'rate', source: 'configmap', raw: '4' }]);
    const restore = set.override({ rate: 100, name: 'test' });
    expect([flags.rate.get(), flags.rate.source, flags.name.get()]).toEqual([
      100,
      'override',
      'test',
    ]);
    restore();
    expect([flags.rate.get(), flags.rate.source, flags.name.get()]).toEqual([
      4,
      'configmap',
      'def',
    ]);
  });

  it('overrides are validated and refused as a whole', () => {
    const set = new FlagSet('o');
    const port = set.declare(
      'port',
      flag.int({ default: 80, description: '', validate: (p) => p > 0 }),
    );
    expect(() => set.override({ port: -1, nope: 1 })).toThrow(
      [
        'Invalid flag values (nothing was applied):',
        '  - Flag "port" from override: refused "-1": rejected by the validator; expected a value that passes the flag\'s validation',
        '  - Unknown flag "nope" in override',
      ].join('\n'),
    );
    expect(port.get()).toBe(80);
  });
});
