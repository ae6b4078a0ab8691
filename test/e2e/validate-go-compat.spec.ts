import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { makeTempDir, removeTempDir } from '../utils/temp-dir.js';

// `dflag validate --go-compat` as a user runs it: the built CLI in its own process, a compiled
// flags module, a manifest on disk.
const root = join(import.meta.dirname, '../..');
const cli = join(root, 'dist/cli/main.js');
const flags = join(root, 'test/fixtures/go-compat-flags.mjs');
const run = promisify(execFile);

const MANIFEST = `apiVersion: v1
kind: ConfigMap
metadata:
  name: app-config
data:
  workers: '010'
  enabled: 'yes'
  ratio: '0x1p-2'
  timeout: 1d3h
  greeting: hello
  regions: 'eu, us'
  features: search
  policy: '{"rate": 2}'
  port: |
    8080
  retention: 2w
  pin: '0777'
`;

const where = 'ConfigMap app-config in cm.yaml';
const EXPECTED_WARNINGS = [
  `warning: workers: go-compat (${where}): nestjs-dflag reads 10, Go's dflag reads 8 (in Go a leading 0 makes the number octal)`,
  `warning: enabled: go-compat (${where}): nestjs-dflag reads true, Go's dflag refuses it: not a boolean (strconv.ParseBool takes 1, t, T, true, True, TRUE and their false forms, not yes/no or on/off)`,
  `warning: ratio: go-compat (${where}): nestjs-dflag refuses it, Go's dflag reads 0.25 (Go reads hexadecimal floats (0x1p-2 is 0.25))`,
  `warning: regions: go-compat (${where}): nestjs-dflag reads ["eu","us"], Go's dflag reads ["eu"," us"] (dflag splits on every comma, without trimming items or dropping empty ones; an empty text is one empty item)`,
  `warning: port: go-compat (${where}): nestjs-dflag reads 8080, Go's flag package refuses it: not an integer (Go's standard flag package (a static flag) does not trim: surrounding whitespace, a final newline included, is part of the value)`,
  `warning: retention: go-compat (${where}): nestjs-dflag reads 1209600000 ms, Go's flag package refuses it: unknown unit "w" (time.ParseDuration has no d or w: a standard flag.Duration (a static flag) and dflag before v1.9.0 refuse it; dflag v1.9+ reads d as 24h and w as 7d)`,
  `warning: pin: go-compat (${where}): Go's dflag reads this int value differently than nestjs-dflag (neither the value nor a reading is shown for a sensitive flag)`,
];

describe('dflag validate --go-compat (the built CLI)', () => {
  let dir = '';
  beforeAll(() => {
    if (!existsSync(cli)) throw new Error('Build first: npm run build (npm test does)');
  });
  beforeEach(async () => {
    dir = await makeTempDir();
    await writeFile(join(dir, 'cm.yaml'), MANIFEST);
  });
  afterEach(async () => {
    await removeTempDir(dir);
  });

  const validate = (...argv: string[]) =>
    run(process.execPath, [cli, 'validate', '-f', 'cm.yaml', '--flags', flags, ...argv], {
      cwd: dir,
    }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (e: { code: number; stdout: string; stderr: string }) => e,
    );

  it('warns on every value Go reads otherwise, with both readings', async () => {
    const { code, stdout, stderr } = await validate('--go-compat', '--verbose');
    // 1: nestjs-dflag refuses the hex float itself; the warnings change no exit code.
    expect({ code, stderr }).toEqual({ code: 1, stderr: '' });
    const lines = stdout.trimEnd().split('\n');
    expect(lines.filter((l) => l.startsWith('warning: '))).toEqual(EXPECTED_WARNINGS);
    // A dynamic duration in days: dflag v1.9+ reads it alike, older versions refuse it.
    expect(lines).toContain(
      `note: timeout: go-compat (${where}): read the same by Go's dflag v1.9+, refused by older versions (time.ParseDuration has no d or w: a standard flag.Duration (a static flag) and dflag before v1.9.0 refuse it; dflag v1.9+ reads d as 24h and w as 7d)`,
    );
    // nestjs-dflag's own verdicts are unchanged: the hex float is an error of its own.
    expect(lines[0]).toMatch(/^ratio: not a number; expected/);
    expect(lines.at(-1)).toBe(
      'ConfigMap app-config: 11 keys checked against 11 flags: 1 error, 7 warnings, 3 notes',
    );
    // The secret's value (0777) and both readings (777, 511) are never printed.
    for (const secret of ['0777', '777', '511']) expect(stdout).not.toContain(secret);
  });

  it('without --go-compat nothing is compared', async () => {
    const { stdout } = await validate();
    expect(stdout).not.toContain('go-compat');
    expect(stdout.trimEnd().split('\n').at(-1)).toBe(
      'ConfigMap app-config: 11 keys checked against 11 flags: 1 error, 0 warnings, 2 notes (--verbose lists them)',
    );
  });

  it('--strict makes every difference an error: a CI job fails on them', async () => {
    await writeFile(join(dir, 'cm.yaml'), MANIFEST.replace("ratio: '0x1p-2'", "ratio: '0.25'"));
    const clean = await validate();
    expect(clean.code).toBe(0);
    const warned = await validate('--go-compat');
    expect(warned.code).toBe(0);
    const strict = await validate('--go-compat', '--strict');
    expect(strict.code).toBe(1);
    const errors = strict.stdout.split('\n').filter((l) => l.includes('go-compat ('));
    expect(errors).toHaveLength(6);
    for (const line of errors) {
      expect(line).not.toMatch(/^warning: /);
      expect(line).toMatch(/ \[--go-compat --strict\]$/);
    }
  });

  it('--json carries the same warnings and notes', async () => {
    const { stdout } = await validate('--go-compat', '--json');
    const report = JSON.parse(stdout) as {
      ok: boolean;
      warnings: { key: string; message: string }[];
      notes: { key: string; message: string }[];
    };
    expect(report.ok).toBe(false); // the hex float, refused by nestjs-dflag
    expect(report.warnings.map((w) => `warning: ${w.key}: ${w.message}`)).toEqual(
      EXPECTED_WARNINGS,
    );
    expect(report.notes.map((n) => n.key)).toContain('timeout');
    expect(stdout).not.toContain('0777');
  });

  it('a manifest refused in part: the keys that could be read are still compared', async () => {
    await writeFile(
      join(dir, 'cm.yaml'),
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app-config\ndata:\n  workers: "010"\n  port: 8080\n',
    );
    const { code, stdout } = await validate('--go-compat');
    expect(code).toBe(1);
    expect(stdout.trimEnd().split('\n')).toEqual([
      expect.stringMatching(/^cm\.yaml: data key "port" has a number value/),
      `warning: workers: go-compat (${where}): nestjs-dflag reads 10, Go's dflag reads 8 (in Go a leading 0 makes the number octal)`,
      'ConfigMap app-config: 1 of 2 keys checked against 11 flags: 1 error, 1 warning, 0 notes',
    ]);
  });

  it('every key of a Secret is named without its value or readings', async () => {
    await writeFile(
      join(dir, 'cm.yaml'),
      'apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\nstringData:\n  workers: "010"\n',
    );
    const { code, stdout } = await validate('--go-compat');
    expect(code).toBe(0);
    expect(stdout).toContain(
      "warning: workers: go-compat (Secret s in cm.yaml): Go's dflag reads this int value differently than nestjs-dflag (neither the value nor a reading is shown for a sensitive flag)",
    );
    expect(stdout).not.toMatch(/010|\b8\b|\b10\b/);
  });

  it('--go-compat without --flags: exit 2, saying why the types are needed', async () => {
    const { code, stdout, stderr } = await run(
      process.execPath,
      [cli, 'validate', '-f', 'cm.yaml', '--go-compat'],
      { cwd: dir },
    ).then(
      (r) => ({ code: 0, ...r }),
      (e: { code: number; stdout: string; stderr: string }) => e,
    );
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(
      /^dflag validate: --go-compat needs --flags <module\.js>: how Go reads a value depends on the type of the flag it sets/,
    );
  });
});
