import { FlagSet, flag, FlagValueError, FrozenSet } from '../../../lib/index.js';
import type { Flag } from '../../../lib/index.js';

const set = new FlagSet('codecs');
const f = {
  bool: set.declare('b', flag.bool({ default: false, description: 'b' })),
  int: set.declare('i', flag.int({ default: 0, description: 'i' })),
  float: set.declare('f', flag.float({ default: 0, description: 'f' })),
  floatNaN: set.declare('fn', flag.float({ default: 0, description: 'fn', allowNonFinite: true })),
  string: set.declare('s', flag.string({ default: '', description: 's' })),
  duration: set.declare('d', flag.duration({ default: 0, description: 'd' })),
  list: set.declare('l', flag.list({ default: [], description: 'l' })),
  set: set.declare('st', flag.set({ default: new Set<string>(), description: 'st' })),
  json: set.declare('j', flag.json<unknown>({ default: null, description: 'j' })),
  bytes: set.declare('by', flag.bytes({ default: new Uint8Array(), description: 'by' })),
};

const parse = <T>(handle: Flag<T>, raw: string | Uint8Array): T =>
  handle.parse(raw, 'configmap', '/etc/dflag/x');
const refuse = (handle: Flag<unknown>, raw: string | Uint8Array): FlagValueError => {
  try {
    handle.parse(raw, 'configmap', '/etc/dflag/x');
  } catch (error) {
    expect(error).toBeInstanceOf(FlagValueError);
    return error as FlagValueError;
  }
  throw new Error(`expected ${JSON.stringify(raw)} to be refused`);
};

describe('bool', () => {
  it.each([
    ['true', true],
    ['TRUE', true],
    ['1', true],
    ['t', true],
    ['Yes', true],
    ['on', true],
    ['false', false],
    ['False', false],
    ['0', false],
    ['F', false],
    ['no', false],
    ['OFF', false],
    ['  true\n', true],
  ])('parses %j as %s', (text, value) => expect(parse(f.bool, text)).toBe(value));
  it.each(['', 'y', 'n', '2', 'truee', 'enabled'])('refuses %j', (text) => {
    expect(refuse(f.bool, text).message).toContain(
      'expected a boolean: true/false, 1/0, t/f, yes/no or on/off',
    );
  });
});

describe('int', () => {
  it.each([
    ['42', 42],
    ['-7', -7],
    ['+7', 7],
    ['010', 10],
    ['0x2a', 42],
    ['0X2A', 42],
    ['-0x10', -16],
    ['0o52', 42],
    ['0b101010', 42],
    ['9007199254740991', 9007199254740991],
    [' 12 \n', 12],
    ['-0', 0],
  ])('parses %j as %d', (text, value) => expect(parse(f.int, text)).toBe(value));
  it('has no negative zero', () => expect(Object.is(parse(f.int, '-0'), 0)).toBe(true));
  it.each([
    '9007199254740992',
    '-9007199254740992',
    '1.5',
    '1e3',
    '',
    'abc',
    '0x',
    '0o9',
    '0b2',
    '1_000',
    '0x1g',
    '12abc',
  ])('refuses %j', (text) =>
    expect(refuse(f.int, text).expected).toBe(
      'a safe integer such as 42, -7, 0x2a, 0o52 or 0b101010',
    ),
  );
  it('says why a big number is refused', () => {
    expect(refuse(f.int, '9007199254740992').reason).toBe(
      'out of the safe integer range (±2^53-1)',
    );
  });
});

describe('float', () => {
  it.each([
    ['0.5', 0.5],
    ['-3', -3],
    ['1e-3', 0.001],
    ['.5', 0.5],
    ['5.', 5],
    ['+2.5E2', 250],
  ])('parses %j as %d', (text, value) => expect(parse(f.float, text)).toBe(value));
  it.each(['NaN', 'Infinity', '-Inf', '1e400', '', '0x10', '1,5', 'abc'])(
    'refuses %j unless allowed',
    (text) => {
      expect(refuse(f.float, text).expected).toBe('a finite number such as 0.5, -3 or 1e-3');
    },
  );
  it('accepts non-finite numbers when allowed', () => {
    expect(parse(f.floatNaN, 'NaN')).toBeNaN();
    expect(parse(f.floatNaN, 'inf')).toBe(Infinity);
    expect(parse(f.floatNaN, '-Infinity')).toBe(-Infinity);
    expect(parse(f.floatNaN, '1e400')).toBe(Infinity);
  });
});

describe('string', () => {
  it('trims surrounding whitespace, keeps inner whitespace', () => {
    expect(parse(f.string, '  hello  world \n')).toBe('hello  world');
  });
  it('reads file bytes as UTF-8', () =>
    expect(parse(f.string, Buffer.from('héllo\n'))).toBe('héllo'));
  it('refuses bytes that are not UTF-8', () => {
    expect(refuse(f.string, Buffer.from([0xff, 0xfe])).reason).toBe(
      'the bytes are not valid UTF-8 text',
    );
  });
});

describe('duration (milliseconds)', () => {
  it.each([
    ['0', 0],
    ['250ms', 250],
    ['1.5s', 1500],
    ['1h30m', 5_400_000],
    ['2d', 172_800_000],
    ['1w', 604_800_000],
    ['-1.5h', -5_400_000],
    ['1us', 0.001],
    ['1µs', 0.001],
    ['1μs', 0.001],
    ['1000ns', 0.001],
    ['1m0.5s', 60_500],
  ])('parses %j as %d ms', (text, value) => expect(parse(f.duration, text)).toBeCloseTo(value, 9));
  it.each(['', '1', '10', 'ms', '1x', '1 h', '1h 30m', 'h1', '--1s', '1e3s'])(
    'refuses %j',
    (text) => {
      expect(refuse(f.duration, text).expected).toContain(
        'a duration such as 250ms, 1.5s, 1h30m, 2d or 1w',
      );
    },
  );
  it('formats back into the same syntax', () => {
    expect(f.duration.format(5_400_000)).toBe('1h30m');
    expect(f.duration.format(1250)).toBe('1s250ms');
    expect(f.duration.format(0)).toBe('0s');
    expect(f.duration.format(-90_000)).toBe('-1m30s');
    expect(f.duration.format(172_800_000)).toBe('2d');
    expect(f.duration.format(0.0015)).toBe('1500ns');
  });
});

describe('list', () => {
  it('splits on commas, trims items and drops empty items', () => {
    expect(parse(f.list, ' a, b,,c ,')).toEqual(['a', 'b', 'c']);
    expect(parse(f.list, '')).toEqual([]);
    expect(parse(f.list, 'b,a,b')).toEqual(['b', 'a', 'b']);
  });
  it('is frozen', () => {
    const value = parse(f.list, 'a,b');
    expect(Object.isFrozen(value)).toBe(true);
    expect(() => (value as string[]).push('c')).toThrow(TypeError);
  });
});

describe('set', () => {
  it('holds unique items, order-free', () => {
    const value = parse(f.set, 'b, a,b,,c');
    expect([...value].sort()).toEqual(['a', 'b', 'c']);
    expect(f.set.equals(value, parse(f.set, 'c,b,a'))).toBe(true);
    expect(f.set.format(value)).toBe('a,b,c');
  });
  it('cannot be changed', () => {
    const value = parse(f.set, 'a') as Set<string>;
    expect(value).toBeInstanceOf(FrozenSet);
    expect(() => value.add('b')).toThrow(TypeError);
    expect(() => value.delete('a')).toThrow(TypeError);
    expect(() => value.clear()).toThrow(TypeError);
    expect(value.has('a')).toBe(true);
  });
});

describe('json', () => {
  const nested = (levels: number): string => '['.repeat(levels) + ']'.repeat(levels);
  it('accepts 1000 levels of nesting and refuses 1001, however deep the text goes', () => {
    expect(parse(f.json, nested(1000))).toBeInstanceOf(Array);
    expect(refuse(f.json, nested(1001)).reason).toBe('nested deeper than 1000 levels');
    // Far deeper than any stack: refused as too deep, not as a parser's stack overflow.
    expect(refuse(f.json, nested(400_000)).reason).toBe('nested deeper than 1000 levels');
  });
  it('a number beyond a float64 (read as Infinity) is refused, as in a value set in code', () => {
    expect(refuse(f.json, '{"a":[1,1e400]}').reason).toBe('holds a non-finite number');
    expect(refuse(f.json, '-1e400').reason).toBe('holds a non-finite number');
    expect(parse(f.json, '{"a":1.7976931348623157e308}')).toEqual({ a: 1.7976931348623157e308 });
  });
  it('a value set in code is held to the same depth as a parsed one', () => {
    const set = new FlagSet('typed-depth');
    const h = set.declare('doc', flag.json({ default: {}, description: '' }));
    const typed = (levels: number): unknown => JSON.parse(nested(levels));
    expect(set.apply([{ name: 'doc', source: 'override', value: typed(1000) }]).errors).toEqual([]);
    const refused = set.apply([{ name: 'doc', source: 'override', value: typed(1001) }]);
    expect(refused.errors.map((e) => e.message).join()).toContain('nested deeper than 1000 levels');
    expect(h.get()).toBeInstanceOf(Array);
  });
  it('compares documents structurally: key order does not matter, kinds and lengths do', () => {
    const eq = (a: string, b: string): boolean => f.json.equals(parse(f.json, a), parse(f.json, b));
    expect(eq('{"a":1,"b":[1,{"c":null}]}', '{"b":[1,{"c":null}],"a":1}')).toBe(true);
    expect(eq('{"a":1}', '{"a":1,"b":2}')).toBe(false);
    expect(eq('{"a":1,"b":2}', '{"a":1,"c":2}')).toBe(false);
    expect(eq('[1,2]', '{"0":1,"1":2}')).toBe(false);
    expect(eq('[1,2]', '[1,2,3]')).toBe(false);
    expect(eq('{"a":"1"}', '{"a":1}')).toBe(false);
    expect(eq('{"a":null}', '{"a":{}}')).toBe(false);
  });
  it('parses and deeply freezes', () => {
    const value = parse(f.json, '{"policy":"allow","rate":50,"tags":["a"],"nested":{"x":1}}') as {
      tags: string[];
      nested: { x: number };
    };
    expect(value).toEqual({ policy: 'allow', rate: 50, tags: ['a'], nested: { x: 1 } });
    expect(Object.isFrozen(value.nested)).toBe(true);
    expect(Object.isFrozen(value.tags)).toBe(true);
  });
  it("deeply freezes a validator's output frozen at the top only, and a value set in code", () => {
    const set = new FlagSet('frozen-top');
    const h = set.declare(
      'doc',
      flag.json({
        default: {},
        description: '',
        // A Standard Schema whose output is frozen at the top only.
        validate: {
          '~standard': {
            version: 1,
            vendor: 'test',
            validate: (v: unknown) => ({ value: Object.freeze({ ...(v as object), list: [1] }) }),
          },
        },
      }),
    );
    set.apply([{ name: 'doc', source: 'configmap', raw: '{"a":{"b":[2]}}' }]);
    const value = h.get() as { list: number[]; a: { b: number[] } };
    expect(Object.isFrozen(value.list)).toBe(true);
    expect(Object.isFrozen(value.a.b)).toBe(true);
    const plain = set.declare('plain', flag.json({ default: {}, description: '' }));
    set.apply([
      { name: 'plain', source: 'override', value: Object.freeze({ deep: { list: [3] } }) },
    ]);
    expect(Object.isFrozen((plain.get() as { deep: { list: number[] } }).deep.list)).toBe(true);
  });
  it.each([
    ['{"__proto__":{"polluted":true}}'],
    ['{"a":{"constructor":{"prototype":{"x":1}}}}'],
    ['[{"prototype":1}]'],
  ])(
    'refuses prototype-polluting key in %s, without saying which (a key is part of the value)',
    (text) => {
      expect(refuse(f.json, text).reason).toBe(
        'holds the key __proto__, constructor or prototype (refused anywhere in a document, against prototype pollution)',
      );
      expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    },
  );
  it('refuses invalid JSON with the parser reason', () => {
    expect(refuse(f.json, '{"a":').reason).toMatch(/^not valid JSON \(/);
  });
  it('a big document is decoded in a step of its own, then parsed in another (each ~1 ms per MiB or more)', () => {
    // Not valid UTF-8, 64 KiB and more: the refusal comes in the step after the first pause.
    const raw = Buffer.concat([
      Buffer.from('{"s":"'),
      Buffer.alloc(70_000, 0x61),
      Buffer.from([0xff, 0x22, 0x7d]),
    ]);
    const steps = f.json.parseInSteps(raw, 'configmap', '/etc/dflag/j', () => false);
    expect(steps.next().done).toBe(false);
    expect(() => steps.next()).toThrow(/not valid UTF-8/);
    // A small one is decoded and parsed at once when the slice is not spent.
    expect(
      f.json.parseInSteps(Buffer.from('{"a":1}'), 'configmap', '/etc/dflag/j', () => false).next(),
    ).toEqual({ done: true, value: { a: 1 } });
  });
  it('compares deeply', () => {
    expect(
      f.json.equals(parse(f.json, '{"a":1,"b":[1,2]}'), parse(f.json, '{"b":[1,2],"a":1}')),
    ).toBe(true);
    expect(f.json.equals(parse(f.json, '{"a":1}'), parse(f.json, '{"a":2}'))).toBe(false);
  });
});

describe('bytes', () => {
  it('takes file bytes raw, untrimmed', () => {
    const raw = Uint8Array.from([0, 1, 2, 10, 32]);
    expect([...parse(f.bytes, raw)]).toEqual([0, 1, 2, 10, 32]);
  });
  it('decodes standard base64 text', () => {
    expect(Buffer.from(parse(f.bytes, 'aGVsbG8=')).toString()).toBe('hello');
    expect(f.bytes.format(Buffer.from('hello'))).toBe('aGVsbG8=');
  });
  it.each(['aGVsbG8', 'a===', '!!!!', 'aGVs bG8='])('refuses invalid base64 %j', (text) => {
    expect(refuse(f.bytes, text).expected).toBe(
      'standard base64 text such as aGVsbG8= (files give raw bytes)',
    );
  });
  it('describes refused bytes by size, not content', () => {
    const strict = new FlagSet().declare(
      'k',
      flag.bytes({ default: new Uint8Array(), description: 'k', validate: (v) => v.length < 2 }),
    );
    expect(() => strict.parse(Uint8Array.from([1, 2, 3]), 'configmap')).toThrow(
      'refused "<3 bytes>"',
    );
  });
});
