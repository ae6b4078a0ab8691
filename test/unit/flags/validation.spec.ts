import Joi from 'joi';
import { z } from 'zod';
import type { StandardSchemaV1 } from '@standard-schema/spec';
import type { FlagSpec } from '../../../lib/index.js';
import {
  defineFlags,
  flag,
  FlagDeclarationError,
  FlagSet,
  FlagValueError,
} from '../../../lib/index.js';

interface Policy {
  policy: 'allow' | 'deny';
  rate: number;
}

describe('validation with joi', () => {
  const set = new FlagSet('joi');
  const flags = defineFlags(
    {
      policy: flag.json({
        default: { policy: 'allow', rate: 50 },
        description: 'policy',
        validate: Joi.object<Policy>({
          policy: Joi.string().valid('allow', 'deny').required(),
          rate: Joi.number().integer().min(0).max(100).required(),
        }),
      }),
      name: flag.string({ default: 'x', description: 'name', validate: Joi.string().lowercase() }),
    },
    set,
  );

  it('types the value from the schema output', () => {
    const value: Policy = flags.policy.get();
    expect(value.rate).toBe(50);
  });

  it('reports every error of a value, not only the first', () => {
    const error = (() => {
      try {
        flags.policy.parse('{"policy":"maybe","rate":500}', 'configmap', '/etc/dflag/policy');
      } catch (e) {
        return e as FlagValueError;
      }
    })();
    expect(error).toBeInstanceOf(FlagValueError);
    expect(error!.reason).toBe(
      '"policy" must be one of [allow, deny]; "rate" must be less than or equal to 100',
    );
    expect(error!.message).toBe(
      'Flag "policy" from configmap (/etc/dflag/policy): refused "{"policy":"maybe","rate":500}": "policy" must be one of [allow, deny]; "rate" must be less than or equal to 100; expected a value that passes the flag\'s validation',
    );
  });

  it("stores the validator's output (conversions apply)", () => {
    expect(flags.name.parse('  MiXeD ', 'configmap')).toBe('mixed');
  });
});

describe('validation with zod (Standard Schema)', () => {
  const set = new FlagSet('zod');
  const mode = set.declare(
    'mode',
    flag.string({ default: 'fast', description: 'mode', validate: z.enum(['fast', 'safe']) }),
  );
  const limit = set.declare(
    'limit',
    flag.int({ default: 10, description: 'limit', validate: z.number().min(1).max(20) }),
  );

  it('narrows the type and validates', () => {
    const value: 'fast' | 'safe' = mode.get();
    expect(value).toBe('fast');
    expect(mode.parse('safe', 'configmap')).toBe('safe');
    expect(() => mode.parse('slow', 'configmap')).toThrow(
      /Flag "mode" from configmap: refused "slow": .*expected/,
    );
  });

  it('reports the issue message', () => {
    expect(() => limit.parse('25', 'command-line')).toThrow(FlagValueError);
  });

  it('refuses an asynchronous schema at declaration, clearly', () => {
    const asyncSchema: StandardSchemaV1<unknown, string> = {
      '~standard': {
        version: 1,
        vendor: 'async-lib',
        validate: async (v) => ({ value: v as string }),
      },
    };
    expect(() =>
      set.declare('later', flag.string({ default: 'x', description: 'x', validate: asyncSchema })),
    ).toThrow(
      new FlagDeclarationError(
        'later',
        'Flag "later": the async-lib schema is asynchronous; flag validation must be synchronous',
      ),
    );
    expect(set.has('later')).toBe(false);
  });
});

describe('validation with a plain function', () => {
  const set = new FlagSet('fn');
  const port = set.declare(
    'port',
    flag.int({
      default: 8080,
      description: 'port',
      validate: (p) => (p > 0 && p < 65536) || 'must be a TCP port (1-65535)',
    }),
  );
  const even = set.declare(
    'even',
    flag.int({ default: 2, description: 'even', validate: (v) => v % 2 === 0 }),
  );
  const thrower = set.declare(
    'thrower',
    flag.string({
      default: 'ok',
      description: 't',
      validate: (v) => {
        if (v === 'bad') throw new Error('bad is bad');
      },
    }),
  );

  it('accepts true/undefined and refuses false, a message or a throw', () => {
    expect(port.parse('443', 'configmap')).toBe(443);
    expect(() => port.parse('70000', 'configmap')).toThrow('must be a TCP port (1-65535)');
    expect(() => even.parse('3', 'configmap')).toThrow('rejected by the validator');
    expect(() => thrower.parse('bad', 'configmap')).toThrow('bad is bad');
    expect(thrower.parse('good', 'configmap')).toBe('good');
  });
});

describe('defaults', () => {
  it('are validated at declaration: an invalid default throws at once', () => {
    const set = new FlagSet('defaults');
    expect(() =>
      set.declare('p', flag.int({ default: 0, description: 'p', validate: Joi.number().min(1) })),
    ).toThrow('Flag "p" has an invalid default: "value" must be greater than or equal to 1');
    expect(() =>
      set.declare(
        'q',
        flag.int({
          default: -1,
          description: 'q',
          validate: (v) => v >= 0 || 'must not be negative',
        }),
      ),
    ).toThrow('Flag "q" has an invalid default: must not be negative');
  });
  it('are deeply frozen JSON', () => {
    const set = new FlagSet('defaults');
    const h = set.declare('j', flag.json({ default: { a: { b: [1] } }, description: 'j' }));
    expect(Object.isFrozen(h.get().a.b)).toBe(true);
  });
});

describe('names', () => {
  const set = new FlagSet('names');
  it.each(['a', 'rate_limit', 'my-flag.v2', 'A9'])('accepts %j', (name) => {
    expect(set.declare(name, flag.bool({ default: false, description: '' })).name).toBe(name);
  });
  it.each(['', '.hidden', '..data', 'a/b', 'a b', 'ü', 'x'.repeat(254)])('refuses %j', (name) => {
    expect(() => set.declare(name, flag.bool({ default: false, description: '' }))).toThrow(
      FlagDeclarationError,
    );
  });
  it('refuses a duplicate name in the same set, naming the set', () => {
    set.declare('dup', flag.int({ default: 1, description: '' }));
    expect(() => set.declare('dup', flag.int({ default: 1, description: '' }))).toThrow(
      'Flag "dup" is already declared in flag set "names"',
    );
  });
  it('allows the same name in another set', () => {
    expect(
      new FlagSet('other').declare('dup', flag.int({ default: 1, description: '' })).get(),
    ).toBe(1);
  });
});

describe('typed values are checked against the kind', () => {
  const set = new FlagSet('kinds');
  it.each([
    ['int', () => flag.int({ default: 1.5, description: '' }), 'not a safe integer'],
    ['float', () => flag.float({ default: Number.NaN, description: '' }), 'not a finite number'],
    [
      'string',
      () => flag.string({ default: 5 as unknown as string, description: '' }),
      'not a string',
    ],
    [
      'list',
      () => flag.list({ default: [1] as unknown as string[], description: '' }),
      'not an array of strings',
    ],
    [
      'set',
      () => flag.set({ default: ['a'] as unknown as Set<string>, description: '' }),
      'not a Set of strings',
    ],
    [
      'json',
      () => flag.json({ default: { at: new Date(0) }, description: '' }),
      'holds a Date, which JSON cannot represent',
    ],
    [
      'bytes',
      () => flag.bytes({ default: 'x' as unknown as Uint8Array, description: '' }),
      'not a Uint8Array',
    ],
  ])('an invalid %s default throws at declaration', (kind, spec, reason) => {
    expect(() => set.declare(`bad_${kind}`, spec() as FlagSpec<unknown>)).toThrow(
      `Flag "bad_${kind}" has an invalid default: ${reason}`,
    );
  });

  it('an override of the wrong type is refused', () => {
    const s = new FlagSet('o');
    const n = s.declare('n', flag.int({ default: 1, description: '' }));
    expect(() => s.override({ n: '2' })).toThrow(
      'Flag "n" from override: refused "2": not a safe integer',
    );
    expect(n.get()).toBe(1);
  });

  it("a schema whose output is not of the flag's kind is refused", () => {
    const s = new FlagSet('conv');
    const odd = s.declare(
      'odd',
      flag.int({
        default: 1,
        description: '',
        validate: Joi.any().custom((v: number) => (v > 1 ? 'many' : v)) as never,
      }),
    );
    expect(() => odd.parse('5', 'configmap')).toThrow(
      "the validator's output is not a safe integer",
    );
  });
});

describe('JSON values are read-only in their type, as they are frozen at run time', () => {
  it('refuses writes at compile time and at run time', () => {
    const set = new FlagSet('ro');
    const policy = set.declare(
      'policy',
      flag.json({ default: { rate: 1, tags: ['a'] }, description: '' }),
    );
    const value = policy.get();
    expect(() => {
      // @ts-expect-error a JSON flag's value is deeply read-only
      value.rate = 5;
    }).toThrow(TypeError);
    expect(() => {
      // @ts-expect-error arrays inside it too
      value.tags.push('b');
    }).toThrow(TypeError);
    const rate: number = value.rate; // reading is unchanged
    expect(rate).toBe(1);
  });
});
