import { execFile, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readlink, writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { join } from 'node:path';
import type { DiffReport } from '../../lib/cli/diff-report.interface.js';
import { expectNoSecret, VERSIONS } from '../redaction/support/secret-values.js';
import { makeTempDir, removeTempDir } from '../utils/temp-dir.js';
import { runDflag, writeManifest } from './support/diff-cli.js';

// The redaction audit's flags: three sensitive flags (a validator that throws quoting the value,
// an int, a static string) and a plain one; its versions hold the secrets `expectNoSecret` knows.
const execFileAsync = promisify(execFile);

const FLAGS = join(import.meta.dirname, '../redaction/support/audit-flags.ts');

describe('dflag diff against a directory written by dflag apply', () => {
  let root: string;
  beforeEach(async () => {
    root = await makeTempDir('dflag-diff-dir-');
    await writeManifest(root, 'start.yaml', { ...VERSIONS.start, legacy_knob: 'on' });
    const applied = await runDflag(root, ['apply', '-f', 'start.yaml', '--dir', 'vol']);
    expect(applied).toMatchObject({ code: 0, err: '' });
    expect(await readlink(join(root, 'vol/..data'))).toMatch(/^\.\.\d{4}_/);
  });
  afterEach(async () => {
    await removeTempDir(root);
  });

  const diff = (...argv: string[]) => runDflag(root, ['diff', ...argv]);

  it('exits 0 for the manifest it was written from, secrets compared without being shown', async () => {
    const run = await diff('-f', 'start.yaml', '--against', 'vol', '--flags', FLAGS);
    expect(run).toEqual({
      code: 0,
      out: [
        'api_token: unchanged',
        'db_password: unchanged',
        'legacy_knob: unknown key: no flag of that name is declared in --flags; ignored',
        'pin: unchanged',
        'rate: unchanged',
        'ConfigMap app-config against vol: nothing would change (1 unknown, 4 unchanged)',
        '',
      ].join('\n'),
      err: '',
    });
  });

  it('changed secrets, a static flag, a removed key and its default, unknown keys: exit 1, no secret shown', async () => {
    await writeManifest(root, 'next.yaml', {
      api_token: VERSIONS.changed.api_token,
      db_password: VERSIONS.changed.db_password,
      rate: VERSIONS.changed.rate,
      new_knob: '1',
    });
    const run = await diff('-f', 'next.yaml', '--against', 'vol', '--flags', FLAGS);
    expect(run.err).toBe('');
    expect(run.code).toBe(1);
    expect(run.out).toBe(
      [
        'api_token: [redacted] → [redacted]',
        'db_password: [redacted] → [redacted]; static flag: takes effect on restart',
        'legacy_knob: unknown key: no flag of that name is declared in --flags; ignored (removed from the ConfigMap)',
        'new_knob: unknown key: no flag of that name is declared in --flags; ignored (new in the ConfigMap)',
        'pin: removed (was [redacted]); falls back to [redacted] (its default)',
        'rate: 1 → 2',
        'ConfigMap app-config against vol: 3 changed, 1 removed, 2 unknown',
        '',
      ].join('\n'),
    );
    expectNoSecret('dflag diff against a directory', run.out);
  });

  it('refused values: the reason of a plain flag, only "refused" for a sensitive one (its validator quotes it)', async () => {
    await writeManifest(root, 'refused.yaml', { ...VERSIONS.refused, rate: 'lots' });
    const run = await diff('-f', 'refused.yaml', '--against', 'vol', '--flags', FLAGS, '--json');
    expect(run.code).toBe(1);
    expectNoSecret('dflag diff --json against a directory', run.out);
    const report = JSON.parse(run.out) as DiffReport;
    expect(report).toMatchObject({
      against: {
        kind: 'directory',
        path: 'vol',
        layout: 'kubelet',
        version: expect.stringMatching(/^\.\./),
      },
      compared: 'flags',
      counts: { changed: 1, refused: 3, removed: 0, unknown: 1, unchanged: 0, undetermined: 0 },
    });
    const keys = Object.fromEntries(report.keys.map((k) => [k.key, k]));
    const withheld = 'the value is refused (the reason is not shown for a sensitive flag)';
    expect(keys['api_token']).toMatchObject({
      status: 'refused',
      reason: withheld,
      sensitive: true,
    });
    expect(keys['pin']).toMatchObject({ status: 'refused', reason: withheld, sensitive: true });
    expect(keys['rate']).toMatchObject({
      status: 'refused',
      reason: expect.stringMatching(/^not an integer.*; expected a safe integer/),
      old: { value: '1', source: 'configmap' },
      new: { value: 'lots', source: 'configmap' },
    });
    expect(keys['db_password']).toMatchObject({ status: 'changed', restart: true });
  });

  it('a Secret and -f - (standard input): every key redacted; text comparison without --flags', async () => {
    const text = await writeManifest(root, 'secret.yaml', { rate: '9' }, 'Secret');
    const secret = await runDflag(
      root,
      ['diff', '-f', '-', '--against', 'vol', '--flags', FLAGS],
      text,
    );
    expect(secret.code).toBe(1);
    expect(secret.out).toContain('rate: [redacted] → [redacted]\n');
    expect(secret.out).toMatch(/Secret app-secret against vol: 1 changed, 3 removed, 1 unknown\n$/);
    expect(secret.out).not.toMatch(/\b9\b/);

    await writeManifest(root, 'plain.yaml', { rate: '1', legacy_knob: 'off' });
    const plain = await diff('-f', 'plain.yaml', '--against', 'vol');
    expect(plain.code).toBe(1);
    expect(plain.out).toBe(
      [
        'api_token: removed; falls back to its default',
        'db_password: removed; falls back to its default',
        'legacy_knob: a value not shown → off',
        'pin: removed; falls back to its default',
        'rate: unchanged',
        "note: without --flags, values are compared as text: not parsed or validated, static and unknown keys not told, the directory's values not shown (whether they hold a secret is not known), and removed keys fall back to a value not shown",
        'ConfigMap app-config against vol: 1 changed, 3 removed, 1 unchanged',
        '',
      ].join('\n'),
    );
    expectNoSecret('dflag diff without --flags', plain.out);
  });

  it('a plain directory (development), read as the engine reads it', async () => {
    await mkdir(join(root, 'plain'));
    await writeFile(join(root, 'plain/rate'), '5');
    await writeFile(join(root, 'plain/.hidden'), 'x');
    await writeManifest(root, 'next.yaml', { rate: '5' });
    const run = await diff('-f', 'next.yaml', '--against', 'plain', '--flags', FLAGS, '--json');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.out)).toMatchObject({
      against: { kind: 'directory', layout: 'plain', version: null },
      keys: [{ key: 'rate', status: 'unchanged', old: { value: '5' }, new: { value: '5' } }],
      differs: false,
    });
  });

  it('trouble is exit 2: a missing directory, an unreadable or refused manifest, bad options, a bad flags module', async () => {
    await writeManifest(root, 'next.yaml', { rate: '5' });
    expect(await diff('-f', 'next.yaml', '--against', 'nowhere')).toEqual({
      code: 2,
      out: '',
      err: 'dflag diff: the directory nowhere does not exist\n',
    });
    const missing = await diff('-f', 'absent.yaml', '--against', 'vol');
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/^dflag diff: cannot read absent\.yaml: ENOENT/);
    await writeFile(
      join(root, 'bad.yaml'),
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  rate: 5\n',
    );
    const refused = await diff('-f', 'bad.yaml', '--against', 'vol');
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/^dflag diff: .*bad\.yaml/);
    const noTarget = await diff('-f', 'next.yaml');
    expect(noTarget.code).toBe(2);
    expect(noTarget.err).toMatch(
      /^dflag diff: missing required option --against <dir \| URL>\n\nUsage: dflag diff/,
    );
    const headerOnDir = await diff('-f', 'next.yaml', '--against', 'vol', '-H', 'X-A: b');
    expect(headerOnDir.code).toBe(2);
    expect(headerOnDir.err).toMatch(/^dflag diff: --timeout and -H apply to a listing URL only/);
    const credentials = await diff(
      '-f',
      'next.yaml',
      '--against',
      'http://ops:hunter2@localhost:1/debug/flags',
    );
    expect(credentials.code).toBe(2);
    expect(credentials.err).toMatch(/^dflag diff: the --against URL holds credentials/);
    expect(credentials.err).not.toContain('hunter2');
    const flags = await diff('-f', 'next.yaml', '--against', 'vol', '--flags', 'nope.mjs');
    expect(flags.code).toBe(2);
    expect(flags.err).toMatch(/^dflag diff: cannot load the flags module nope\.mjs/);
  });

  it('a key the engine would not read (a FIFO where a file was): its current value is unknown, and why', async () => {
    await mkdir(join(root, 'plain'));
    await execFileAsync('mkfifo', [join(root, 'plain/rate')]);
    await writeManifest(root, 'next.yaml', { rate: '1' });
    const run = await diff('-f', 'next.yaml', '--against', 'plain', '--flags', FLAGS);
    expect(run.code).toBe(1);
    expect(run.out).toMatch(
      /^rate: a value not shown → 1 \(the current file cannot be read: .*a FIFO/m,
    );
  });

  describe('the built CLI in a child process, with a compiled flags module (another copy of the classes)', () => {
    const ROOT = join(import.meta.dirname, '../..');
    const main = join(ROOT, 'dist/cli/main.js');
    beforeAll(() => {
      expect(existsSync(main), `${main} is missing: run "npm run build" first`).toBe(true);
    });

    it('applies, then diffs: typed comparison through the other copy, exit codes 0 and 1', async () => {
      const dflag = (...argv: string[]) => {
        const child = spawnSync(process.execPath, [main, ...argv], { cwd: root, encoding: 'utf8' });
        return { code: child.status, out: child.stdout, err: child.stderr };
      };
      const example = join(ROOT, 'test/fixtures/example-configmap.yaml');
      const flags = ['--flags', join(ROOT, 'test/fixtures/validate-flags.mjs')];
      expect(dflag('apply', '-f', example, '--dir', 'example')).toMatchObject({ code: 0 });
      expect(dflag('diff', '-f', example, '--against', 'example', ...flags)).toEqual({
        code: 0,
        out: [
          'example_my_dynamic_int: unchanged',
          'example_my_dynamic_json: unchanged',
          'example_my_dynamic_string: unchanged',
          'ConfigMap example-config against example: nothing would change (3 unchanged)',
          '',
        ].join('\n'),
        err: '',
      });
      await writeManifest(root, 'next.yaml', {
        example_my_dynamic_int: '0x14',
        example_my_dynamic_json: '{"rate": 50, "policy": "deny"}',
      });
      const changed = dflag('diff', '-f', 'next.yaml', '--against', 'example', ...flags);
      expect(changed).toEqual({
        code: 1,
        out: [
          'example_my_dynamic_int: unchanged (same value, written differently)',
          'example_my_dynamic_json: {"policy":"allow","rate":50} → {"rate":50,"policy":"deny"}',
          'example_my_dynamic_string: removed (was something); falls back to "" (its default)',
          'ConfigMap app-config against example: 1 changed, 1 removed, 1 unchanged',
          '',
        ].join('\n'),
        err: '',
      });
    });
  });
});
