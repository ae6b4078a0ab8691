import type { ConfigMapManifest } from '../../../lib/configmap/manifest/configmap-manifest.interface.js';
import { compareKeys } from '../../../lib/cli/compare-keys.util.js';
import type { DiffEntry } from '../../../lib/cli/diff-report.interface.js';
import type { DirectoryTarget } from '../../../lib/cli/diff-target.interface.js';
import { toListingTarget } from '../../../lib/cli/fetch-listing.util.js';
import { formatDiff } from '../../../lib/cli/format-diff.util.js';
import { defineFlags, flag, FlagSet } from '../../../lib/index.js';

const configMap = (data: Record<string, string>, kind: 'ConfigMap' | 'Secret' = 'ConfigMap') =>
  ({
    kind,
    name: kind === 'Secret' ? 'app-secret' : 'app-config',
    data,
    binaryData: {},
  }) as ConfigMapManifest;

/** A listing flag as the pod shows it (only what the diff reads, plus the layers). */
const podFlag = (
  name: string,
  type: string,
  layers: Record<string, unknown> | undefined,
  extra: Record<string, unknown> = {},
) => {
  const order = ['default', 'environment', 'command-line', 'configmap', 'runtime', 'override'];
  const top = layers === undefined ? 'configmap' : order.filter((s) => s in layers).at(-1);
  return {
    name,
    type,
    is_dynamic: true,
    sensitive: false,
    source: top,
    value: layers?.[top as string],
    default: layers?.['default'],
    overridden_until: null,
    ...(layers === undefined ? {} : { layers }),
    ...extra,
  };
};

const listing = (flags: unknown[], unknownKeys: string[] = []) =>
  toListingTarget('http://localhost:9090/debug/flags', {
    hostname: 'web-1',
    registration: 'default',
    flag_set: 'app',
    flags,
    configmap: { unknown_keys: unknownKeys },
    filters: { type: null, only_changed: false },
  });

const byKey = (entries: readonly DiffEntry[]) => Object.fromEntries(entries.map((e) => [e.key, e]));

describe('compareKeys against a pod listing (no --flags: typed by the listing)', () => {
  it('compares typed values: 1m is 60000 ms, reformatted JSON and a set in another order are unchanged', () => {
    const report = compareKeys({
      sources: [
        configMap({
          timeout: '1m',
          limits: '{ "b": [1, 2],\n  "a": 1 }',
          tags: 'y, x',
          rate: '250',
        }),
      ],
      target: listing([
        podFlag('timeout', 'duration', { default: 1000, configmap: 60000 }),
        podFlag('limits', 'json', { default: {}, configmap: { a: 1, b: [1, 2] } }),
        podFlag('tags', 'set', { default: [], configmap: ['x', 'y'] }),
        podFlag('rate', 'int', { default: 100, configmap: 200 }),
      ]),
    });
    const keys = byKey(report.keys);
    expect(keys['timeout']?.status).toBe('unchanged');
    expect(keys['limits']?.status).toBe('unchanged');
    expect(keys['tags']?.status).toBe('unchanged');
    expect(keys['rate']).toMatchObject({
      status: 'changed',
      old: { value: '200', source: 'configmap' },
      new: { value: '250', source: 'configmap' },
      restart: false,
    });
    expect(report).toMatchObject({ compared: 'types', differs: true });
    expect(report.counts).toEqual({
      changed: 1,
      refused: 0,
      removed: 0,
      undetermined: 0,
      unknown: 0,
      unchanged: 3,
    });
  });

  it('reports nothing to change (differs false) for the ConfigMap the pod already holds', () => {
    const report = compareKeys({
      sources: [configMap({ rate: '200', typo: 'x' })],
      target: listing([podFlag('rate', 'int', { default: 100, configmap: 200 })], ['typo']),
    });
    expect(report.differs).toBe(false);
    expect(byKey(report.keys)['typo']).toMatchObject({ status: 'unknown', old: null, new: null });
    expect(formatDiff(report)).toBe(
      'rate: unchanged\n' +
        'typo: unknown key: the pod declares no flag of that name; ignored\n' +
        "note: without --flags, values are checked against each flag's type only: the application's validators are not run\n" +
        'ConfigMap app-config against http://localhost:9090/debug/flags (pod web-1): nothing would change (1 unknown, 1 unchanged)\n',
    );
  });

  it('a new value the type refuses: the reason and what would be accepted; the pod keeps its value', () => {
    const report = compareKeys({
      sources: [configMap({ rate: '12abc' })],
      target: listing([podFlag('rate', 'int', { default: 100, configmap: 200 })]),
    });
    const [entry] = report.keys;
    expect(entry).toMatchObject({
      status: 'refused',
      old: { value: '200' },
      new: { value: '12abc' },
    });
    expect(entry?.reason).toMatch(/^not an integer; expected a safe integer such as 42/);
    expect(formatDiff(report)).toMatch(/^rate: refused: not an integer.*; the pod keeps 200\n/);
  });

  it('a static flag: the change takes effect on restart', () => {
    const report = compareKeys({
      sources: [configMap({ port: '8081' })],
      target: listing([
        podFlag('port', 'int', { default: 3000, configmap: 8080 }, { is_dynamic: false }),
      ]),
    });
    expect(report.keys[0]).toMatchObject({ status: 'changed', restart: true, dynamic: false });
    expect(formatDiff(report).split('\n')[0]).toBe(
      'port: 8080 → 8081; static flag: takes effect on restart',
    );
  });

  it('a removed key falls back to the highest layer below the ConfigMap (its layers say which)', () => {
    const report = compareKeys({
      sources: [configMap({})],
      target: listing([
        podFlag('timeout', 'duration', { default: 1000, environment: 5000, configmap: 60000 }),
        podFlag('rate', 'int', { default: 100, configmap: 200 }),
      ]),
    });
    const keys = byKey(report.keys);
    expect(keys['timeout']).toMatchObject({
      status: 'removed',
      old: { value: '1m', source: 'configmap' },
      new: { value: '5s', source: 'environment' },
    });
    expect(formatDiff(report)).toContain(
      'timeout: removed (was 1m); falls back to 5s (from the environment)\n',
    );
    expect(keys['rate']?.new).toEqual({ value: '100', source: 'default' });
  });

  it('a pod whose listing has no layers: the fallback is its default, with a note that the environment may set it', () => {
    const report = compareKeys({
      sources: [configMap({})],
      target: listing([podFlag('rate', 'int', undefined, { value: 200, default: 100 })]),
    });
    expect(report.keys[0]).toMatchObject({
      status: 'removed',
      new: { value: '100', source: 'default' },
      notes: [expect.stringContaining('does not show its layers')],
    });
  });

  it('a new key: old is what serves now; an unknown key added counts as a change, shown without its value', () => {
    const report = compareKeys({
      sources: [configMap({ rate: '5', rate_limt: '50' })],
      target: listing([podFlag('rate', 'int', { default: 100 })]),
    });
    const keys = byKey(report.keys);
    expect(keys['rate']).toMatchObject({
      status: 'changed',
      old: { value: '100', source: 'default' },
      new: { value: '5', source: 'configmap' },
    });
    expect(keys['rate_limt']).toMatchObject({ status: 'unknown', old: null, new: null });
    expect(formatDiff(report)).toContain('rate: 100 (its default) → 5\n');
    expect(formatDiff(report)).toContain(
      'rate_limt: unknown key: the pod declares no flag of that name; ignored (new in the ConfigMap)\n',
    );
    expect(formatDiff(report)).not.toContain('50');
  });

  it('a runtime value above the ConfigMap: noted', () => {
    const report = compareKeys({
      sources: [configMap({ rate: '300' })],
      target: listing([
        podFlag(
          'rate',
          'int',
          { default: 100, configmap: 200, runtime: 7 },
          { overridden_until: '2026-12-01T12:10:00.000Z' },
        ),
      ]),
    });
    expect(report.keys[0]).toMatchObject({
      status: 'changed',
      old: { value: '200', source: 'configmap' },
      notes: ["a runtime value serves until 2026-12-01T12:10:00.000Z, then the ConfigMap's"],
    });
  });

  it('sensitive flags: present in both is undetermined, added is a change, refused gives no parser text; no value shown', () => {
    const secret = { sensitive: true };
    const report = compareKeys({
      sources: [configMap({ api_key: 'hunter2', pin: '4821', code: '12x34' })],
      target: listing([
        podFlag('api_key', 'string', { default: '[redacted]', configmap: '[redacted]' }, secret),
        podFlag('pin', 'int', { default: '[redacted]' }, secret),
        podFlag('code', 'int', { default: '[redacted]', configmap: '[redacted]' }, secret),
      ]),
    });
    const keys = byKey(report.keys);
    expect(keys['api_key']).toMatchObject({
      status: 'undetermined',
      old: { value: '[redacted]' },
      new: { value: '[redacted]' },
    });
    expect(keys['pin']).toMatchObject({ status: 'changed', new: { value: '[redacted]' } });
    expect(keys['code']).toMatchObject({
      status: 'refused',
      reason: 'the value is refused (the reason is not shown for a sensitive flag)',
      new: { value: '[redacted]' },
    });
    const all = JSON.stringify(report) + formatDiff(report);
    for (const secretValue of ['hunter2', '4821', '12x34']) expect(all).not.toContain(secretValue);
  });

  it('every key of a Secret is redacted, even of a flag the pod does not declare sensitive', () => {
    const report = compareKeys({
      sources: [configMap({ rate: '777' }, 'Secret')],
      target: listing([podFlag('rate', 'int', { default: 100, configmap: 200 })]),
    });
    expect(report.keys[0]).toMatchObject({
      status: 'changed',
      sensitive: true,
      old: { value: '[redacted]' },
      new: { value: '[redacted]' },
    });
    expect(JSON.stringify(report) + formatDiff(report)).not.toContain('777');
  });
});

describe('compareKeys against a directory, with --flags declarations', () => {
  const makeSet = () => {
    const set = new FlagSet('app');
    defineFlags(
      {
        rate: flag.int({
          default: 100,
          description: 'r',
          dynamic: true,
          validate: (n) => (n >= 0 ? true : 'must not be negative'),
        }),
        limits: flag.json({ default: { burst: 5 }, description: 'l', dynamic: true }),
        port: flag.int({ default: 3000, description: 'p' }),
        token: flag.string({
          default: 'default_tok',
          description: 't',
          dynamic: true,
          sensitive: true,
          validate: (s) => (s.startsWith('bad') ? `"${s}" is not a token` : true),
        }),
      },
      set,
    );
    return set;
  };
  const dir = (files: Record<string, string>): DirectoryTarget => ({
    kind: 'directory',
    path: 'vol',
    layout: 'kubelet',
    version: '..2026_01_01_00_00_00.000000001',
    entries: new Map(Object.entries(files).map(([k, v]) => [k, Buffer.from(v)])),
    unreadable: new Map(),
    warnings: [],
  });

  it('unchanged JSON written differently (noted), a validator refusal with its reason, static, removed, unknown', () => {
    const report = compareKeys({
      sources: [
        configMap({ limits: '{"burst":5,\n "tier":"gold"}', rate: '-5', port: '81', extra: 'x' }),
      ],
      target: dir({
        limits: '{ "tier": "gold", "burst": 5 }',
        rate: '7',
        port: '80',
        token: 'sekrit_1',
      }),
      sets: [makeSet()],
    });
    const keys = byKey(report.keys);
    expect(keys['limits']).toMatchObject({
      status: 'unchanged',
      notes: ['same value, written differently'],
    });
    expect(keys['rate']).toMatchObject({
      status: 'refused',
      old: { value: '7' },
      new: { value: '-5' },
      reason: "must not be negative; expected a value that passes the flag's validation",
    });
    expect(keys['port']).toMatchObject({ status: 'changed', restart: true });
    expect(keys['token']).toMatchObject({
      status: 'removed',
      sensitive: true,
      old: { value: '[redacted]' },
      new: { value: '[redacted]', source: 'default' },
    });
    expect(keys['extra']).toMatchObject({ status: 'unknown' });
    expect(report.compared).toBe('flags');
    const text = formatDiff(report);
    expect(text).not.toContain('sekrit_1');
    expect(text).not.toContain('default_tok');
  });

  it('a sensitive value is compared (unchanged or changed) but never shown, nor its validator text', () => {
    const same = compareKeys({
      sources: [configMap({ token: 'sekrit_1' })],
      target: dir({ token: 'sekrit_1' }),
      sets: [makeSet()],
    });
    expect(same.keys[0]).toMatchObject({ status: 'unchanged', sensitive: true });
    expect(same.differs).toBe(false);
    const refused = compareKeys({
      sources: [configMap({ token: 'bad_sekrit_2' })],
      target: dir({ token: 'sekrit_1' }),
      sets: [makeSet()],
    });
    expect(refused.keys[0]).toMatchObject({
      status: 'refused',
      reason: 'the value is refused (the reason is not shown for a sensitive flag)',
      old: { value: '[redacted]' },
      new: { value: '[redacted]' },
    });
    expect(JSON.stringify(refused) + formatDiff(refused)).not.toMatch(/sekrit/);
  });

  it("without --flags: compared as text, the directory's values (a changed or removed key's) not shown", () => {
    const report = compareKeys({
      sources: [configMap({ limits: '{"burst":5}', rate: '8', api_key: 'rotated_2' })],
      target: dir({ limits: '{ "burst": 5 }', rate: '8', token: 'sekrit_1', api_key: 'sekrit_2' }),
    });
    const keys = byKey(report.keys);
    expect(keys['limits']).toMatchObject({
      status: 'changed',
      old: { value: null, source: 'configmap' },
      new: { value: '{"burst":5}' },
    });
    // The directory may be a Secret's volume: its value is not shown, whatever the manifest is.
    expect(keys['api_key']).toMatchObject({
      status: 'changed',
      old: { value: null, source: 'configmap' },
      new: { value: 'rotated_2' },
    });
    expect(keys['rate']?.status).toBe('unchanged');
    expect(keys['token']).toMatchObject({
      status: 'removed',
      old: { value: null },
      new: { value: null, source: 'default' },
    });
    const text = formatDiff(report);
    expect(text).toContain('token: removed; falls back to its default\n');
    expect(text).toContain('api_key: a value not shown → rotated_2\n');
    expect(`${text}${JSON.stringify(report)}`).not.toMatch(/sekrit/);
  });
});
