import {
  flag,
  FlagSet,
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
      'Flag "api_key" from configmap (/etc/dflag/api_key): refused "[redacted]": too short; expected a value that passes the flag\'s validation',
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

describe('reasons that quote a secret', () => {
  it('are withheld when any 4 characters of the value appear in them', () => {
    expect(redactReason(true, 'token "sk-live-123" is too short', 'sk-live-123')).toBe(
      WITHHELD_REASON,
    );
    expect(redactReason(true, 'starts with live', 'sk-live-123')).toBe(WITHHELD_REASON);
    expect(redactReason(true, 'too short', 'sk-live-123')).toBe('too short');
    expect(redactReason(false, 'token "sk-live-123"', 'sk-live-123')).toBe('token "sk-live-123"');
    expect(redactReason(true, 'got mysecretpw', 'MySecretPW')).toBe(WITHHELD_REASON); // case changed
  });

  it('covers bytes flags: the content as text, base64 or hex never appears in a reason', () => {
    const set = new FlagSet('b');
    set.declare(
      'pem',
      flag.bytes({
        default: Buffer.from('-----BEGIN'),
        description: '',
        sensitive: true,
        validate: (v) =>
          Buffer.from(v).toString().startsWith('-----BEGIN') ||
          `expected a PEM, got ${Buffer.from(v).toString()}`,
      }),
    );
    const result = set.apply([
      { name: 'pem', source: 'configmap', raw: Buffer.from('PRIVATEKEYDATAXYZ') },
    ]);
    expect(result.errors[0]!.message).toBe(
      `Flag "pem" from configmap: refused "[redacted]": ${WITHHELD_REASON}; expected a value that passes the flag's validation`,
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

  it("a validator's message quoting the secret is withheld", () => {
    const set = new FlagSet('v');
    set.declare(
      'key',
      flag.string({
        default: 'long-enough-key',
        description: '',
        sensitive: true,
        validate: (v) => v.length > 10 || `"${v}" is too short`,
      }),
    );
    const result = set.apply([{ name: 'key', source: 'configmap', raw: 'hunter2' }]);
    expect(result.errors[0]!.message).toBe(
      `Flag "key" from configmap: refused "[redacted]": ${WITHHELD_REASON}; expected a value that passes the flag's validation`,
    );
  });
});
