import { inspect } from 'node:util';
import Joi from 'joi';
import { z } from 'zod';
import type { StandardSchemaV1 } from '@standard-schema/spec';
import {
  flag,
  FlagDeclarationError,
  FlagErrors,
  FlagSet,
  FlagValueError,
} from '../../../lib/index.js';

const VALIDATION = "expected a value that passes the flag's validation";
const THREW_HIDDEN = 'the validator threw (what it threw is not shown for a sensitive flag)';

/** A hand-written Standard Schema whose validate throws for one value. */
const throwingSchema = (bad: string): StandardSchemaV1<unknown, string> => ({
  '~standard': {
    version: 1,
    vendor: 'custom',
    validate: (v) => {
      if (v === bad) throw new Error(`cannot handle ${String(v)}`);
      return { value: v as string };
    },
  },
});

/** refusal applies one raw value from a file and returns the single error it gives. */
function refusal(set: FlagSet, name: string, raw: string): Error {
  const result = set.apply([{ name, source: 'configmap', raw, origin: `/etc/dflag/${name}` }]);
  expect(result.errors).toHaveLength(1);
  return result.errors[0]!;
}

/** everything an error would show if logged or serialised: message, reason, cause chain, inspect. */
const allText = (error: unknown): string =>
  [inspect(error, { depth: 10 }), JSON.stringify(error), String(error)].join('\n');

describe('a validator that throws is a refusal like any other bad value', () => {
  it('a Standard Schema whose validate throws: FlagValueError naming flag, source and file', () => {
    const set = new FlagSet('std');
    set.declare(
      'mode',
      flag.string({ default: 'ok', description: '', validate: throwingSchema('boom') }),
    );
    set.declare(
      'token',
      flag.string({
        default: 'ok',
        description: '',
        sensitive: true,
        validate: throwingSchema('sk_live_4242'),
      }),
    );
    const open = refusal(set, 'mode', 'boom');
    expect(open).toBeInstanceOf(FlagValueError);
    expect(open.message).toBe(
      `Flag "mode" from configmap (/etc/dflag/mode): refused "boom": the validator threw: cannot handle boom; ${VALIDATION}`,
    );
    const secret = refusal(set, 'token', 'sk_live_4242');
    expect(secret).toBeInstanceOf(FlagValueError);
    expect(secret.message).toBe(
      `Flag "token" from configmap (/etc/dflag/token): refused "[redacted]": ${THREW_HIDDEN}; ${VALIDATION}`,
    );
    // Not in the message, the reason, a cause, nor anywhere a logger or serialiser would look.
    expect(secret.cause).toBeUndefined();
    expect(allText(secret)).not.toContain('4242');
  });

  it('a function validator that throws a non-Error (null, a string) is a refusal, not a crash', () => {
    const set = new FlagSet('fn');
    set.declare(
      'n',
      flag.int({
        default: 1,
        description: '',
        validate: (v) => {
          if (v === 2) throw null;
          if (v === 3) throw 'three is right out';
          if (v === 4) throw Object.create(null);
        },
      }),
    );
    expect(refusal(set, 'n', '2').message).toBe(
      `Flag "n" from configmap (/etc/dflag/n): refused "2": the validator threw: null; ${VALIDATION}`,
    );
    expect(refusal(set, 'n', '3').message).toBe(
      `Flag "n" from configmap (/etc/dflag/n): refused "3": the validator threw: three is right out; ${VALIDATION}`,
    );
    // An object that cannot even be turned into text.
    expect(refusal(set, 'n', '4')).toBeInstanceOf(FlagValueError);
  });

  it('a zod refine that throws is a throw, not "the schema is asynchronous"', () => {
    const liveKey = z.string().refine((v) => {
      if (v.startsWith('sk_live_')) throw new Error(`${v} is a live key`);
      return true;
    });
    const set = new FlagSet('zod');
    set.declare('open', flag.string({ default: 'sk_test_1', description: '', validate: liveKey }));
    set.declare(
      'secret',
      flag.string({ default: 'sk_test_1', description: '', sensitive: true, validate: liveKey }),
    );
    const open = refusal(set, 'open', 'sk_live_1');
    expect(open).toBeInstanceOf(FlagValueError);
    expect((open as FlagValueError).reason).toBe('the validator threw: sk_live_1 is a live key');
    const secret = refusal(set, 'secret', 'sk_live_99');
    expect(secret).toBeInstanceOf(FlagValueError);
    expect(secret.message).toBe(
      `Flag "secret" from configmap (/etc/dflag/secret): refused "[redacted]": ${THREW_HIDDEN}; ${VALIDATION}`,
    );
    expect(allText(secret)).not.toContain('sk_live');
    expect(allText(secret)).not.toContain('asynchronous');
  });

  it('a zod refine that throws on the default is an invalid default, not an asynchronous schema', () => {
    const set = new FlagSet('zod-default');
    const never = z.string().refine(() => {
      throw new Error('no');
    });
    expect(() =>
      set.declare('d', flag.string({ default: 'x', description: '', validate: never })),
    ).toThrow(
      new FlagDeclarationError('d', 'Flag "d" has an invalid default: the validator threw: no'),
    );
  });

  it('an asynchronous zod schema is still refused at declaration, clearly', () => {
    const set = new FlagSet('zod-async');
    const later = z.string().refine(async () => true);
    expect(() =>
      set.declare('a', flag.string({ default: 'x', description: '', validate: later })),
    ).toThrow(
      new FlagDeclarationError(
        'a',
        'Flag "a": the zod schema is asynchronous; flag validation must be synchronous',
      ),
    );
  });

  it('an async function validator is refused at declaration (it would accept everything)', () => {
    const set = new FlagSet('async-fn');
    expect(() =>
      set.declare(
        'f',
        flag.int({ default: 1, description: '', validate: (async () => false) as never }),
      ),
    ).toThrow(
      new FlagDeclarationError(
        'f',
        'Flag "f": the function validator is asynchronous; flag validation must be synchronous',
      ),
    );
  });

  it('a Standard Schema answering with a Promise for one value only refuses that value', () => {
    const sometimes: StandardSchemaV1<unknown, string> = {
      '~standard': {
        version: 1,
        vendor: 'moody',
        validate: (v) =>
          v === 'later' ? Promise.reject(new Error(`no ${String(v)}`)) : { value: v as string },
      },
    };
    const set = new FlagSet('moody');
    set.declare('m', flag.string({ default: 'now', description: '', validate: sometimes }));
    expect(refusal(set, 'm', 'later').message).toBe(
      `Flag "m" from configmap (/etc/dflag/m): refused "later": the validator answered with a Promise, but flag validation is synchronous; ${VALIDATION}`,
    );
  });

  it('a joi custom rule that throws: its message (quoting the parsed value) is withheld for a secret', () => {
    const noSixteen = Joi.number().custom((v: number) => {
      if (v === 16) throw new Error(`${v} is reserved`);
      return v;
    });
    const set = new FlagSet('joi');
    set.declare('open', flag.int({ default: 1, description: '', validate: noSixteen }));
    set.declare(
      'pin',
      flag.int({ default: 1, description: '', sensitive: true, validate: noSixteen }),
    );
    expect((refusal(set, 'open', '0x10') as FlagValueError).reason).toBe(
      '"value" failed custom validation because 16 is reserved',
    );
    const secret = refusal(set, 'pin', '0x10');
    expect((secret as FlagValueError).reason).toBe(
      'rejected by the validator (the reasons are not shown for a sensitive flag)',
    );
    expect(allText(secret)).not.toMatch(/16 is reserved|0x10/);
  });

  it('on the command line too: one FlagErrors naming the flag, nothing applied', () => {
    const set = new FlagSet('cli');
    const token = set.declare(
      'token',
      flag.string({
        default: 'x',
        description: '',
        sensitive: true,
        validate: throwingSchema('sk_9'),
      }),
    );
    let error: unknown;
    try {
      set.parseCommandLine(['--token=sk_9']);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FlagErrors);
    expect((error as FlagErrors).message).toBe(
      `Invalid command line:\n  - Flag "token" from command-line (--token): refused "[redacted]": ${THREW_HIDDEN}; ${VALIDATION}`,
    );
    expect(token.get()).toBe('x');
  });
});

describe("a parser's message is never shown for a sensitive flag", () => {
  it("JSON.parse's message quotes the document: not in the error, its reason nor a cause", () => {
    const set = new FlagSet('json');
    set.declare('doc', flag.json({ default: {}, description: '', sensitive: true }));
    const error = refusal(set, 'doc', '{"token": sk_live_777}');
    expect(error.message).toBe(
      'Flag "doc" from configmap (/etc/dflag/doc): refused "[redacted]": not valid JSON; expected a JSON document such as {"rate": 50}',
    );
    expect(error.cause).toBeUndefined();
    expect(allText(error)).not.toContain('sk_live');
  });
});
