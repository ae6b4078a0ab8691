import Joi from 'joi';
import { z } from 'zod';
import {
  flag,
  FlagSet,
  FlagValueError,
  redact,
  REDACTED,
  redactReason,
  WITHHELD_REASON,
} from '../../../lib/index.js';

describe('redaction', () => {
  it('one helper: redacts sensitive values and truncates long ones', () => {
    expect(redact(true, 'hunter2')).toBe(REDACTED);
    expect(redact(false, 'short')).toBe('short');
    const long = redact(false, 'x'.repeat(500));
    expect(long).toHaveLength(80);
    expect(long.endsWith('…')).toBe(true);
  });

  it('applies to handles, errors and the usage table of sensitive flags', () => {
    const set = new FlagSet('r');
    const h = set.declare(
      'api_key',
      flag.string({
        default: 'dev',
        description: 'key',
        sensitive: true,
        validate: (v) => v.length >= 3 || 'too short',
      }),
    );
    set.apply([{ name: 'api_key', source: 'configmap', raw: 'sk-live-abcdef' }]);
    expect(h.get()).toBe('sk-live-abcdef');
    expect(h.format()).toBe('[redacted]');
    const result = set.apply([
      { name: 'api_key', source: 'configmap', raw: 'ab', origin: '/etc/dflag/api_key' },
    ]);
    expect(result.errors[0]!.message).toBe(
      'Flag "api_key" from configmap (/etc/dflag/api_key): refused "[redacted]": rejected by the validator (the reasons are not shown for a sensitive flag); expected a value that passes the flag\'s validation',
    );
    expect(set.usage()).not.toContain('dev');
  });

  it('truncates long refused text in errors', () => {
    const set = new FlagSet('t');
    set.declare('n', flag.int({ default: 1, description: '' }));
    const result = set.apply([{ name: 'n', source: 'configmap', raw: 'y'.repeat(1000) }]);
    expect(result.errors[0]!.message).toContain(`refused "${'y'.repeat(79)}…"`);
  });
});

describe('reasons about a sensitive value', () => {
  const HIDDEN_ONE = 'rejected by the validator (the reasons are not shown for a sensitive flag)';
  const VALIDATION = "expected a value that passes the flag's validation";

  /** refuse declares a sensitive flag, applies one raw value and returns the one error it gives. */
  function refuse(spec: Parameters<FlagSet['declare']>[1], raw: string | Buffer): FlagValueError {
    const set = new FlagSet('derived');
    set.declare('secret', spec as never);
    const result = set.apply([
      { name: 'secret', source: 'configmap', raw, origin: '/etc/dflag/secret' },
    ]);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toBeInstanceOf(FlagValueError);
    return result.errors[0] as FlagValueError;
  }

  it.each([
    [
      'the parsed form (0x12d5 quoted back as 4821)',
      flag.int({
        default: 1,
        description: '',
        sensitive: true,
        validate: (v) => v < 100 || `${v} is too big`,
      }),
      '0x12d5',
      '4821',
    ],
    [
      'a short secret inside a longer message (007 as 7)',
      flag.int({
        default: 100,
        description: '',
        sensitive: true,
        validate: (v) => v > 99 || `PIN ${v} is too small`,
      }),
      '007',
      'PIN 7',
    ],
    [
      'JSON string escapes (the text never holds the decoded secret)',
      flag.json({
        default: 'long-enough-secret',
        description: '',
        sensitive: true,
        validate: (v) => (typeof v === 'string' && v.length > 8) || `got ${String(v)}`,
      }),
      '"\\u0070\\u0061\\u0073\\u0073"',
      'got pass',
    ],
    [
      'a list item',
      flag.list({
        default: [],
        description: '',
        sensitive: true,
        validate: (items) =>
          items.every((i) => i.length > 2) ||
          `item ${items.find((i) => i.length <= 2)} is too short`,
      }),
      'alpha,b,gamma',
      'item b is',
    ],
    [
      'a JSON field',
      flag.json<{ token: string }>({
        default: { token: 'long-enough' },
        description: '',
        sensitive: true,
        validate: (v) => v.token.length > 5 || `field value ${v.token} is not allowed`,
      }),
      '{"token":"abc"}',
      'abc',
    ],
  ])('never quotes %s', (_what, spec, raw, leaked) => {
    const error = refuse(spec, raw);
    expect(error.message).not.toContain(leaked);
    expect(error.reason).toBe(HIDDEN_ONE);
    expect(error.message).toBe(
      `Flag "secret" from configmap (/etc/dflag/secret): refused "[redacted]": ${HIDDEN_ONE}; ${VALIDATION}`,
    );
  });

  it('a short secret quoted whole was already withheld (this part of the claim did not reproduce)', () => {
    const error = refuse(
      flag.string({
        default: 'long',
        description: '',
        sensitive: true,
        validate: (v) => v.length > 3 || `"${v}" is short`,
      }),
      'ab',
    );
    expect(error.message).not.toContain('ab"');
    expect(error.reason).toBe(HIDDEN_ONE);
  });

  it("shows none of a schema's issues, nor how many (one per bad field tells the shape)", () => {
    const json = flag.json({
      default: { a: 1, b: 1 },
      description: '',
      sensitive: true,
      validate: Joi.object({ a: Joi.number().max(5), b: Joi.number().max(5) }),
    });
    const two = refuse(json, '{"a": 4821, "b": 1234}');
    const one = refuse(json, '{"a": 4821, "b": 1}');
    expect(two.reason).toBe(HIDDEN_ONE);
    expect(one.message).toBe(two.message);
    const list = flag.list({
      default: [],
      description: '',
      sensitive: true,
      validate: Joi.array().items(Joi.string().max(2)),
    });
    expect(refuse(list, 'abc,defg,hij').message).toBe(refuse(list, 'abc').message);
    const zod = refuse(
      flag.int({ default: 1, description: '', sensitive: true, validate: z.number().max(100) }),
      '4821',
    );
    expect(zod.reason).toBe(HIDDEN_ONE);
  });

  it("a validator answering false reads as one giving reasons; the library's own parse reasons are shown", () => {
    expect(
      refuse(
        flag.int({ default: 2, description: '', sensitive: true, validate: (v) => v % 2 === 0 }),
        '3',
      ).reason,
    ).toBe(HIDDEN_ONE);
    // Which of the two a validator gives may depend on the value: the words do not tell.
    const branching = flag.int({
      default: 2,
      description: '',
      sensitive: true,
      validate: (v) => (v < 0 ? false : v % 2 === 0 || 'must be even'),
    });
    expect(refuse(branching, '-3').reason).toBe(refuse(branching, '3').reason);
    expect(refuse(flag.int({ default: 2, description: '', sensitive: true }), '0b102').reason).toBe(
      'not a base-2 integer',
    );
    expect(refuse(flag.int({ default: 2, description: '', sensitive: true }), '1.5').reason).toBe(
      'not an integer',
    );
  });

  it('covers bytes flags: neither the content nor the reason appears', () => {
    const error = refuse(
      flag.bytes({
        default: Buffer.from('-----BEGIN'),
        description: '',
        sensitive: true,
        validate: (v) =>
          Buffer.from(v).toString().startsWith('-----BEGIN') ||
          `expected a PEM, got ${Buffer.from(v).toString()}`,
      }),
      Buffer.from('PRIVATEKEYDATAXYZ'),
    );
    expect(error.message).toBe(
      `Flag "secret" from configmap (/etc/dflag/secret): refused "[redacted]": ${HIDDEN_ONE}; ${VALIDATION}`,
    );
  });

  it("a JSON parser's detail (which quotes the document) is shown only for flags that are not secret", () => {
    const set = new FlagSet('j');
    set.declare('open', flag.json({ default: {}, description: '' }));
    set.declare('secret', flag.json({ default: {}, description: '', sensitive: true }));
    const result = set.apply([
      { name: 'open', source: 'configmap', raw: '{"k": hunter2}' },
      { name: 'secret', source: 'configmap', raw: '{"k": hunter2}' },
    ]);
    expect(result.errors[0]!.message).toContain('hunter2');
    expect(result.errors[1]!.message).toBe(
      'Flag "secret" from configmap: refused "[redacted]": not valid JSON; expected a JSON document such as {"rate": 50}',
    );
  });

  it('redactReason keeps a reason only for a flag that is not sensitive', () => {
    expect(redactReason(false, 'token "sk-live-123"', 'sk-live-123')).toBe('token "sk-live-123"');
    expect(redactReason(true, 'too short', 'sk-live-123')).toBe(WITHHELD_REASON);
    expect(WITHHELD_REASON).toBe('the reason is not shown for a sensitive flag');
  });
});
