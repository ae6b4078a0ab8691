import { flag, FlagSet, redact, REDACTED } from '../../../lib/index.js';

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
