import { createHash } from 'node:crypto';
import { flag, FlagSet } from '../../../lib/index.js';

const declareAll = (order: 'forward' | 'backward') => {
  const set = new FlagSet('sum');
  const decls: Array<[string, Parameters<FlagSet['declare']>[1]]> = [
    ['alpha', flag.int({ default: 1, description: '', dynamic: true })],
    ['beta', flag.json({ default: { x: 1, y: [1, 2] }, description: '', dynamic: true })],
    ['gamma', flag.set({ default: new Set(['a', 'b']), description: '', dynamic: true })],
    ['port', flag.int({ default: 80, description: '' })],
  ];
  for (const [name, spec] of order === 'forward' ? decls : [...decls].reverse())
    set.declare(name, spec);
  return set;
};

describe('checksum', () => {
  it('is independent of declaration order, and separate for dynamic and static flags', () => {
    const a = declareAll('forward');
    const b = declareAll('backward');
    expect(a.checksum('dynamic')).toBe(b.checksum('dynamic'));
    expect(a.checksum('static')).toBe(b.checksum('static'));
    expect(a.checksum('dynamic')).not.toBe(a.checksum('static'));
    expect(a.checksum('dynamic')).toMatch(/^[0-9a-f]{16}$/);
  });

  it('depends on values, not on how they were written (key order, set order)', () => {
    const a = declareAll('forward');
    const b = declareAll('forward');
    a.apply([
      { name: 'beta', source: 'configmap', raw: '{"y":[1,2],"x":1}' },
      { name: 'gamma', source: 'configmap', raw: 'b,a' },
    ]);
    expect(a.checksum('dynamic')).toBe(b.checksum('dynamic'));
    a.apply([{ name: 'alpha', source: 'configmap', raw: '2' }]);
    expect(a.checksum('dynamic')).not.toBe(b.checksum('dynamic'));
    expect(a.checksum('static')).toBe(b.checksum('static'));
  });

  it('is stable across processes: a pure function of names and canonical values', () => {
    // Recomputed here from the documented serialization, and pinned as a literal: neither
    // depends on this process (no random seed, no insertion order, no object identity).
    const expected = createHash('sha256')
      .update('alpha\u00001\u0000beta\u0000{"x":1,"y":[1,2]}\u0000gamma\u0000["a","b"]\u0000')
      .digest('hex')
      .slice(0, 16);
    expect(declareAll('backward').checksum('dynamic')).toBe(expected);
    expect(expected).toBe('77e650fe5853707c');
  });
});

describe('checksum and sensitive flags', () => {
  const withPin = (pin: string, options: { declared?: boolean; dynamic?: boolean } = {}) => {
    const set = declareAll('forward');
    if (options.declared ?? true) {
      set.declare(
        'pin',
        flag.int({
          default: 0,
          description: '',
          dynamic: options.dynamic ?? true,
          sensitive: true,
        }),
      );
      set.apply([{ name: 'pin', source: 'configmap', raw: pin }]);
    }
    return set;
  };

  it('is no oracle: a sensitive value does not change it, so it cannot be brute-forced', () => {
    const published = withPin('4821').checksum('dynamic');
    // Every 4-digit PIN gives the same checksum: nothing to search for.
    for (const candidate of ['0000', '1234', '4820', '4822', '9999']) {
      expect(withPin(candidate).checksum('dynamic')).toBe(published);
    }
    expect(withPin('4821', { dynamic: false }).checksum('static')).toBe(
      withPin('1111', { dynamic: false }).checksum('static'),
    );
  });

  it('still tells a set with the sensitive flag from one without it, and which layer serves it', () => {
    const declared = withPin('4821');
    expect(declared.checksum('dynamic')).not.toBe(
      withPin('', { declared: false }).checksum('dynamic'),
    );
    // A replica where the secret's key is missing serves the default: that is visible.
    const fallback = withPin('4821');
    fallback.apply([{ name: 'pin', source: 'configmap' }]);
    expect(fallback.find('pin')!.source).toBe('default');
    expect(fallback.checksum('dynamic')).not.toBe(declared.checksum('dynamic'));
  });

  it('is pinned: a sensitive flag contributes its name and serving layer, never its value', () => {
    const expected = createHash('sha256')
      .update(
        'alpha\u00001\u0000beta\u0000{"x":1,"y":[1,2]}\u0000gamma\u0000["a","b"]\u0000' +
          'pin\u0000\u0000sensitive:configmap\u0000',
      )
      .digest('hex')
      .slice(0, 16);
    expect(withPin('4821').checksum('dynamic')).toBe(expected);
  });
});

describe('checksums handed out with a swap', () => {
  it('describe the values they were handed out for, read before or after a later swap', () => {
    const set = declareAll('forward');
    set.apply([{ name: 'alpha', source: 'override', value: 2 }]);
    const handed = set.checksumsNow();
    const expected = { dynamic: set.checksum('dynamic'), static: set.checksum('static') };
    const unread = set.checksumsNow();
    set.apply([{ name: 'alpha', source: 'override', value: 3 }]);
    expect(set.checksum('dynamic')).not.toBe(expected.dynamic);
    expect({ ...handed }).toEqual(expected);
    expect(JSON.parse(JSON.stringify(unread))).toEqual(expected);
  });

  it('that nobody read are written before a declaration changes the set', () => {
    const set = declareAll('forward');
    set.apply([{ name: 'alpha', source: 'override', value: 5 }]);
    const unread = set.checksumsNow();
    const before = set.checksum('dynamic');
    set.declare('delta', flag.int({ default: 1, description: '', dynamic: true }));
    expect(set.checksum('dynamic')).not.toBe(before);
    expect(unread.dynamic).toBe(before);
  });
});

describe('checksums settled in slices', () => {
  /** A set of `n` dynamic flags and a static one, each with a value of its own. */
  const manyFlags = (n: number) => {
    const set = new FlagSet('many');
    for (let i = 0; i < n; i++)
      set.declare(
        `key_${String(i).padStart(4, '0')}`,
        flag.string({ default: `v${i}`, description: '', dynamic: true }),
      );
    set.declare('port', flag.int({ default: 80, description: '' }));
    return set;
  };
  /** runAll runs steps to their end, counting the pauses (a pause after every piece). */
  const runAll = (steps: Generator<void, void, void>, between?: () => void): number => {
    let pauses = 0;
    while (!steps.next().done) {
      pauses++;
      between?.();
    }
    return pauses;
  };

  it('give the checksum hashed in one go, pausing between pieces of a big set', () => {
    const set = manyFlags(1000);
    const expected = { dynamic: set.checksum('dynamic'), static: set.checksum('static') };
    const fresh = manyFlags(1000);
    const handed = fresh.checksumsNow();
    const pauses = runAll(fresh.settleChecksumsSteps(() => true));
    expect(pauses).toBeGreaterThan(10);
    expect({ ...handed }).toEqual(expected);
    expect(fresh.checksum('dynamic')).toBe(expected.dynamic);
  });

  it('one big value is hashed in parts, a surrogate pair across each part boundary, to the same checksum', () => {
    // The hashed text is `doc NUL value NUL`, the value fed as it is, 64 Ki characters a part: a
    // pair (😀) whose first half ends a part, each time (a part so ended is one character longer).
    const chars: string[] = [];
    for (let at = 65_535; at < 300_000; at += 65_536) {
      while (chars.length < at) chars.push(chars.length % 3 === 0 ? 'é' : 'a');
      chars.push('😀');
    }
    const value = chars.join('');
    const build = () => {
      const set = new FlagSet('big-value');
      set.declare('doc', flag.string({ default: value, description: '', dynamic: true }));
      return set;
    };
    const expected = build().checksum('dynamic');
    const fresh = build();
    const handed = fresh.checksumsNow();
    const pauses = runAll(fresh.settleChecksumsSteps(() => true));
    // Four parts, a pause between each two.
    expect(pauses).toBeGreaterThanOrEqual(3);
    expect(handed.dynamic).toBe(expected);
    // The hash of the text's UTF-8 bytes, as one call gives it.
    const text = `doc\0${value}\0`;
    expect(expected).toBe(createHash('sha256').update(text).digest('hex').slice(0, 16));
  });

  it('a swap while they pause: what was handed out still describes the state before it', () => {
    const set = manyFlags(1000);
    const handed = set.checksumsNow();
    const reference = manyFlags(1000);
    const before = reference.checksum('dynamic');
    let swapped = false;
    runAll(
      set.settleChecksumsSteps(() => true),
      () => {
        if (swapped) return;
        swapped = true;
        set.apply([{ name: 'key_0500', source: 'override', value: 'changed' }]);
      },
    );
    expect(handed.dynamic).toBe(before);
    reference.apply([{ name: 'key_0500', source: 'override', value: 'changed' }]);
    expect(set.checksum('dynamic')).toBe(reference.checksum('dynamic'));
    expect(set.checksum('dynamic')).not.toBe(before);
  });
});
