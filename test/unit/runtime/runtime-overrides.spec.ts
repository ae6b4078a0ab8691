import { defineFlags, flag, FlagSet } from '../../../lib/index.js';
import type { FlagChange } from '../../../lib/index.js';
import { RUNTIME_TAG, RuntimeOverrides } from '../../../lib/runtime/runtime-overrides.js';
import type { RuntimeSetterOptions } from '../../../lib/runtime/runtime-setter-options.interface.js';
import { RuntimeValueError } from '../../../lib/runtime/runtime-value.error.js';
import { FakeClock } from '../../utils/fake-clock.js';

function setup(options: Partial<RuntimeSetterOptions> = {}) {
  const flagSet = new FlagSet('runtime-unit');
  const flags = defineFlags(
    {
      rate: flag.int({ default: 1, description: 'rate', dynamic: true, validate: (n) => n >= 0 }),
      mode: flag.string({ default: 'a', description: 'mode', dynamic: true }),
      blob: flag.bytes({ default: new Uint8Array(), description: 'blob', dynamic: true }),
      token: flag.string({ default: 't0', description: 'token', dynamic: true, sensitive: true }),
      port: flag.int({ default: 80, description: 'port' }),
      other: flag.int({ default: 0, description: 'not allowed', dynamic: true }),
    },
    flagSet,
  );
  flagSet.apply([{ name: 'rate', source: 'configmap', raw: '5', origin: '/etc/dflag/rate' }]);
  const lines: string[] = [];
  const logger = {
    log: (m: string) => lines.push(`log ${m}`),
    warn: (m: string) => lines.push(`warn ${m}`),
    error: (m: string) => lines.push(`error ${m}`),
  };
  const clock = new FakeClock();
  const overrides = new RuntimeOverrides(
    flagSet,
    { allow: ['rate', 'mode', 'blob', 'token'], ...options },
    logger,
    clock,
  );
  const batches: { changes: readonly FlagChange[]; tag: unknown }[] = [];
  flagSet.onBatch((batch) => batches.push(batch));
  return { flagSet, flags, overrides, clock, lines, batches };
}

const refusal = (run: () => unknown): { status: number; message: string } => {
  try {
    run();
  } catch (error) {
    if (error instanceof RuntimeValueError) return { status: error.status, message: error.message };
    throw error;
  }
  throw new Error('expected a refusal');
};

describe('RuntimeOverrides: values on the runtime layer that expire', () => {
  it('sets a value parsed as a ConfigMap value, for the default 15 minutes, then falls back', () => {
    const { flags, overrides, clock, batches, lines } = setup();
    const set = overrides.set({ name: 'rate', value: '9', principal: 'alice' });
    expect(flags.rate.get()).toBe(9);
    expect(flags.rate.source).toBe('runtime');
    expect(set).toEqual({
      name: 'rate',
      until: new Date('2026-12-01T12:15:00.000Z'),
      ttlMs: 900_000,
      setBy: 'alice',
    });
    expect(batches.at(-1)).toMatchObject({
      tag: RUNTIME_TAG,
      changes: [{ name: 'rate', current: 9, source: 'runtime' }],
    });
    expect(lines.at(-1)).toBe(
      'warn Flag "rate" set at run time to 9 until 2026-12-01T12:15:00.000Z (15m) by alice; it falls back to its ConfigMap value then',
    );

    clock.advance(899_999);
    expect(flags.rate.get()).toBe(9);
    clock.advance(1);
    expect(flags.rate.get()).toBe(5);
    expect(flags.rate.source).toBe('configmap');
    expect(overrides.active()).toEqual([]);
    expect(batches.at(-1)).toMatchObject({
      tag: RUNTIME_TAG,
      changes: [{ name: 'rate', current: 5, source: 'configmap', previousSource: 'runtime' }],
    });
    expect(lines.at(-1)).toBe(
      'log Flag "rate": its runtime value expired; it falls back to its ConfigMap value',
    );
    expect(clock.pending).toBe(0);
  });

  it('expires on monotonic time: a wall-clock jump neither ends it early nor late; an early timer re-arms', () => {
    const { flags, overrides, clock } = setup();
    overrides.set({ name: 'rate', value: '9', ttl: '10m' });
    clock.jumpWall(3_600_000);
    clock.fireEarly();
    expect(flags.rate.get()).toBe(9);
    expect(clock.pending).toBe(1);
    clock.advance(600_000);
    expect(flags.rate.get()).toBe(5);
  });

  it('setting again replaces the value and the deadline; DELETE removes it at once', () => {
    const { flags, overrides, clock, lines } = setup();
    overrides.set({ name: 'rate', value: '9', ttl: '10m' });
    overrides.set({ name: 'rate', value: '8', ttl: '20m' });
    expect(clock.pending).toBe(1);
    clock.advance(600_000);
    expect(flags.rate.get()).toBe(8);
    expect(overrides.clear('rate', 'bob')).toBe(true);
    expect(flags.rate.get()).toBe(5);
    expect(lines.at(-1)).toBe(
      'log Flag "rate": its runtime value was removed by bob; it falls back to its ConfigMap value',
    );
    expect(overrides.clear('rate')).toBe(false);
    expect(clock.pending).toBe(0);
  });

  it("sits below override() (the test kit's layer): neither wipes the other", () => {
    const { flagSet, flags, overrides } = setup();
    const undo = flagSet.override({ rate: 100 });
    overrides.set({ name: 'rate', value: '9' });
    expect(flags.rate.get()).toBe(100);
    undo();
    expect(flags.rate.get()).toBe(9);
    const undoAgain = flagSet.override({ rate: 100 });
    overrides.clear('rate');
    expect(flags.rate.get()).toBe(100);
    undoAgain();
    expect(flags.rate.get()).toBe(5);
  });

  it('refuses with the status that says why, changing nothing', () => {
    const { flags, overrides } = setup();
    expect(refusal(() => overrides.set({ name: 'nope', value: '1' }))).toEqual({
      status: 404,
      message:
        'Flag "nope" cannot be set at run time: no flag of that name is in the setter\'s allow list',
    });
    expect(refusal(() => overrides.set({ name: 'other', value: '1' })).status).toBe(404);
    expect(refusal(() => overrides.set({ name: 'port', value: '81' }))).toEqual({
      status: 409,
      message:
        'Flag "port" is static: it is read once at start, so a runtime value would never apply; change it in the ConfigMap and restart',
    });
    expect(refusal(() => overrides.set({ name: 'token', value: 'x' })).message).toContain(
      'is sensitive and cannot be set at run time',
    );
    expect(refusal(() => overrides.set({ name: 'rate', value: 'abc' }))).toEqual({
      status: 422,
      message:
        'Flag "rate" from runtime (the runtime setter): refused "abc": not an integer; expected a safe integer such as 42, -7, 0x2a, 0o52 or 0b101010',
    });
    expect(refusal(() => overrides.set({ name: 'rate', value: '-1' })).status).toBe(422);
    expect(refusal(() => overrides.set({ name: 'rate', value: '9', ttl: '2h' }))).toEqual({
      status: 422,
      message: 'ttl "2h" is longer than the maximum 1h (the setter\'s maxTtl); ask for 1h or less',
    });
    expect(refusal(() => overrides.set({ name: 'rate', value: '9', ttl: 'soon' })).status).toBe(
      422,
    );
    expect(refusal(() => overrides.set({ name: 'rate', value: '9', ttl: '-5m' })).status).toBe(422);
    expect(refusal(() => overrides.set({ name: 'rate', value: '9', ttl: '0s' })).status).toBe(422);
    // Shorter than a second, a value would expire before anyone saw it (and show as "").
    const short = refusal(() => overrides.set({ name: 'rate', value: '9', ttl: '0.000001ns' }));
    expect(short.status).toBe(422);
    expect(short.message).toBe(
      'ttl "0.000001ns" is refused: it is shorter than 1s; expected a duration of at least 1s such as "15m" or "1h30m"',
    );
    expect(refusal(() => overrides.set({ name: 'rate', value: '9', ttl: '999ms' })).status).toBe(
      422,
    );
    expect(refusal(() => overrides.clear('port')).status).toBe(409);
    expect(flags.rate.get()).toBe(5);
    expect(overrides.active()).toEqual([]);
  });

  it('takes bytes as base64, as a ConfigMap binaryData value', () => {
    const { flags, overrides } = setup();
    overrides.set({ name: 'blob', value: 'aGVsbG8=' });
    expect(Buffer.from(flags.blob.get()).toString()).toBe('hello');
    expect(refusal(() => overrides.set({ name: 'blob', value: 'not base64!' })).status).toBe(422);
  });

  it('a sensitive flag allowed explicitly is logged redacted', () => {
    const { flags, overrides, lines } = setup({ allowSensitive: ['token'] });
    overrides.set({ name: 'token', value: 's3cr3t_v4lue' });
    expect(flags.token.get()).toBe('s3cr3t_v4lue');
    expect(lines.join('\n')).not.toContain('s3cr3t');
    expect(lines.at(-1)).toContain('set at run time to [redacted] until');
  });

  it('close removes every runtime value and stops its timer', () => {
    const { flags, overrides, clock } = setup();
    overrides.set({ name: 'rate', value: '9' });
    overrides.set({ name: 'mode', value: 'b' });
    overrides.close();
    expect([flags.rate.get(), flags.mode.get()]).toEqual([5, 'a']);
    expect(clock.pending).toBe(0);
  });

  it('refuses options that cannot work, naming them', () => {
    const flagSet = new FlagSet('runtime-options');
    defineFlags(
      {
        rate: flag.int({ default: 1, description: 'rate', dynamic: true }),
        port: flag.int({ default: 80, description: 'port' }),
      },
      flagSet,
    );
    const make = (options: RuntimeSetterOptions) =>
      new RuntimeOverrides(flagSet, options, console, new FakeClock());
    expect(() => make({ allow: ['rate', 'typo'] })).toThrow(
      "The runtime setter's allow list names flags that are not declared: typo",
    );
    expect(() => make({ allow: ['port'] })).toThrow('names static flags');
    expect(() => make({ allow: ['rate'], allowSensitive: ['rate'] })).toThrow(
      'allowSensitive names flags that are not sensitive or not in the allow list: rate',
    );
    expect(() => make({ allow: ['rate'], defaultTtl: '2h' })).toThrow(
      "The runtime setter's defaultTtl (2h) is longer than its maxTtl (1h)",
    );
    expect(() => make({ allow: ['rate'], maxTtl: 'forever' })).toThrow(
      'maxTtl must be a duration of at least 1s',
    );
    expect(make({ allow: (f) => f.name !== 'nothing' }).allowedNames).toEqual(['rate']);
  });
});
