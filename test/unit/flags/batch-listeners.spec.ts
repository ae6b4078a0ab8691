import { flag, FlagSet } from '../../../lib/index.js';
import type { FlagBatch } from '../../../lib/flags/flag-batch.interface.js';

const make = () => {
  const set = new FlagSet('listened');
  const a = set.declare('a', flag.int({ default: 1, description: '', dynamic: true }));
  const b = set.declare('b', flag.int({ default: 2, description: '', dynamic: true }));
  const batches: FlagBatch[] = [];
  const off = set.onBatch((batch) => batches.push(batch));
  return { set, a, b, batches, off };
};

describe('FlagSet batch listeners (what puts every change on the Nest bus)', () => {
  it('hear each batch that changed a value once, with its changes and tag, whatever the layer', () => {
    const { set, batches } = make();
    const tag = {};
    set.apply(
      [
        { name: 'b', source: 'configmap', raw: '20' },
        { name: 'a', source: 'configmap', raw: '10' },
      ],
      { tag },
    );
    const restore = set.override({ a: 5 });
    set.loadEnvironment({ prefix: 'X_', env: { X_B: '30' } }); // hidden by the ConfigMap: no change
    restore();
    expect(batches.map((batch) => batch.changes.map((c) => `${c.name}:${c.current}`))).toEqual([
      ['b:20', 'a:10'], // the order of the updates
      ['a:5'],
      ['a:10'],
    ]);
    expect(batches.map((batch) => batch.tag)).toEqual([tag, undefined, undefined]);
  });

  it('hear nothing for a no-op, a dry run or a refused all-or-nothing batch', () => {
    const { set, batches } = make();
    set.apply([{ name: 'a', source: 'configmap', raw: '1' }]);
    set.apply([{ name: 'a', source: 'configmap', raw: '7' }], { dryRun: true });
    set.apply(
      [
        { name: 'a', source: 'configmap', raw: '7' },
        { name: 'b', source: 'configmap', raw: 'x' },
      ],
      { policy: 'all-or-nothing' },
    );
    expect(batches).toEqual([]);
  });

  it('are called before the flags’ subscribers, so a nested batch comes second', () => {
    const { set, a, b, batches } = make();
    a.onChange(() => set.override({ b: 9 }));
    set.apply([{ name: 'a', source: 'configmap', raw: '3' }]);
    expect(batches.map((batch) => batch.changes[0]?.name)).toEqual(['a', 'b']);
    expect(b.get()).toBe(9);
  });

  it('a throwing listener is a warning: the batch applies and the others hear it', () => {
    const { set, a, batches, off } = make();
    off();
    const warnings: string[] = [];
    const onWarning = (warning: Error): void => void warnings.push(warning.message);
    process.on('warning', onWarning);
    try {
      set.onBatch(() => {
        throw new Error('boom');
      });
      set.onBatch((batch) => batches.push(batch));
      set.apply([{ name: 'a', source: 'override', value: 4 }]);
      expect(a.get()).toBe(4);
      expect(batches).toHaveLength(1);
    } finally {
      process.off('warning', onWarning);
    }
  });

  it('stop hearing once unsubscribed', () => {
    const { set, batches, off } = make();
    off();
    set.override({ a: 8 });
    expect(batches).toEqual([]);
  });
});
