import { runCli } from '../../../lib/cli/run-cli.js';
import { captureIo } from '../../utils/capture-io.js';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { configMap, FIXTURES, FLAGS, GOOD, ROOT, validateHarness } from './validate-harness.js';

const BAD = join(FIXTURES, 'validate-bad-configmap.yaml');

const INT_EXPECTED = 'expected a safe integer such as 42, -7, 0x2a, 0o52 or 0b101010';
const VALIDATION_EXPECTED = "expected a value that passes the flag's validation";
const WITHHELD = 'rejected by the validator (the reasons are not shown for a sensitive flag)';
const UNKNOWN = 'no flag of that name is declared; ignored (a newer release may read it)';

describe('dflag validate', () => {
  const { root, validate, validateText } = validateHarness();

  it('exits 0 on the example ConfigMap, with one summary line', async () => {
    expect(await validate('-f', GOOD, '--flags', FLAGS)).toEqual({
      code: 0,
      out: 'ConfigMap example-config: 3 keys checked against 9 flags: 0 errors, 0 warnings, 0 notes\n',
      err: '',
    });
  });

  it('exits 1 with one line per refused value, then warnings, notes (--verbose) and the summary', async () => {
    expect(await validate('--filename', BAD, '--flags', FLAGS, '--verbose')).toEqual({
      code: 1,
      out: [
        `example_my_dynamic_int: not an integer; ${INT_EXPECTED}`,
        `example_my_dynamic_json: rate must be between 0 and 100; ${VALIDATION_EXPECTED}`,
        'debug: not a boolean; expected a boolean: true/false, 1/0, t/f, yes/no or on/off',
        `api_token: ${WITHHELD}; ${VALIDATION_EXPECTED}`,
        // The parser's detail would quote the document: a sensitive flag gets the bare reason.
        `secret_policy: not valid JSON; expected a JSON document such as {"rate": 50}`,
        `warning: rate_limit_v2: ${UNKNOWN}`,
        'note: port: static flag, takes effect on restart',
        'ConfigMap bad-config: 8 keys checked against 9 flags: 5 errors, 1 warning, 1 note',
        '',
      ].join('\n'),
      err: '',
    });
  });

  it('never prints the value of a sensitive flag, even when the reason would quote it', async () => {
    const { code, out } = await validate('-f', BAD, '--flags', FLAGS, '--json');
    expect(code).toBe(1);
    expect(out).not.toContain('hunter2');
    // A reason that does not quote the value is shown.
    const shown = await validateText(configMap("data:\n  api_pin: 'not-a-pin'\n"));
    expect(shown).toEqual({
      code: 1,
      out: [
        `api_pin: not an integer; ${INT_EXPECTED}`,
        'ConfigMap app-config: 1 key checked against 9 flags: 1 error, 0 warnings, 0 notes',
        '',
      ].join('\n'),
      err: '',
    });
  });

  it('never quotes a value in the manifest reader’s problems (a key may be a secret)', async () => {
    const { code, out } = await validateText(configMap('data:\n  api_pin: 4711\n  port: 80\n'));
    expect(code).toBe(1);
    expect(out).toBe(
      [
        'cm.yaml: data key "api_pin" has a number value; ConfigMap data values must be strings (kubectl refuses it): quote it, e.g. api_pin: "…"',
        'cm.yaml: data key "port" has a number value; ConfigMap data values must be strings (kubectl refuses it): quote it, e.g. port: "…"',
        'ConfigMap app-config: 0 of 2 keys checked against 9 flags: 2 errors, 0 warnings, 0 notes',
        '',
      ].join('\n'),
    );
  });

  it('warns about unknown keys, and refuses them with --strict', async () => {
    const text = configMap("data:\n  rate_limit_v2: '100'\n  .env: 'A=1'\n  debug: 'on'\n");
    expect(await validateText(text)).toEqual({
      code: 0,
      out: [
        `warning: rate_limit_v2: ${UNKNOWN}`,
        'warning: .env: never read as a flag: keys starting with "." are skipped in a mounted ConfigMap',
        'ConfigMap app-config: 3 keys checked against 9 flags: 0 errors, 2 warnings, 0 notes',
        '',
      ].join('\n'),
      err: '',
    });
    expect(await validateText(text, '--strict')).toEqual({
      code: 1,
      out: [
        'rate_limit_v2: no flag of that name is declared (--strict)',
        '.env: never read as a flag: keys starting with "." are skipped in a mounted ConfigMap',
        'ConfigMap app-config: 3 keys checked against 9 flags: 2 errors, 0 warnings, 0 notes',
        '',
      ].join('\n'),
      err: '',
    });
  });

  it('prints only the summary of a clean manifest; --verbose notes static flags', async () => {
    const text = configMap("data:\n  port: '8080'\n  api_pin: '1234'\n  debug: 'yes'\n");
    expect(await validateText(text)).toEqual({
      code: 0,
      out: 'ConfigMap app-config: 3 keys checked against 9 flags: 0 errors, 0 warnings, 2 notes (--verbose lists them)\n',
      err: '',
    });
    expect(await validateText(text, '--verbose')).toEqual({
      code: 0,
      out: [
        'note: port: static flag, takes effect on restart',
        'note: api_pin: static flag, takes effect on restart',
        'ConfigMap app-config: 3 keys checked against 9 flags: 0 errors, 0 warnings, 2 notes',
        '',
      ].join('\n'),
      err: '',
    });
  });

  // Regression: `<<` merge keys (YAML 1.1, which kubectl reads) made a 4-key ConfigMap "2 keys
  // checked", with two bogus errors about a key named "Symbol(<<)".
  it('counts the keys a merge key (<<) brings, as kubectl reads them', async () => {
    const text = [
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata:',
      '  name: merged',
      '  annotations: &defaults',
      "    example_my_dynamic_int: '20'",
      '    example_my_dynamic_string: from-defaults',
      'data:',
      '  <<: *defaults',
      '  example_my_dynamic_string: own',
      "  port: '80'",
      "  debug: 'true'",
      '',
    ].join('\n');
    expect(await validateText(text)).toEqual({
      code: 0,
      out: 'ConfigMap merged: 4 keys checked against 9 flags: 0 errors, 0 warnings, 1 note (--verbose lists them)\n',
      err: '',
    });
    await writeFile(join(root(), 'cm.yaml'), text);
    const io = captureIo(root());
    expect(await runCli(['apply', '-f', 'cm.yaml', '--dir', 'vol'], io)).toBe(0);
    expect(io.out).toMatch(/^applied ConfigMap merged to vol: 4 keys, /);
    expect(await readFile(join(root(), 'vol/example_my_dynamic_string'), 'utf8')).toBe('own');
    expect(await readFile(join(root(), 'vol/example_my_dynamic_int'), 'utf8')).toBe('20');
  });

  it('checks binaryData as the raw bytes of the mounted file', async () => {
    const text = configMap(
      'data:\n  example_my_dynamic_int: "  42\\n"\nbinaryData:\n  logo: AAH/\n  example_my_dynamic_string: //79\n  debug: dHJ1ZQo=\n',
    );
    expect(await validateText(text)).toEqual({
      code: 1,
      out: [
        'example_my_dynamic_string: the bytes are not valid UTF-8 text; expected any UTF-8 text',
        'ConfigMap app-config: 4 keys checked against 9 flags: 1 error, 0 warnings, 0 notes',
        '',
      ].join('\n'),
      err: '',
    });
  });

  it('checks a key against every exported set that declares it', async () => {
    const twoSets = join(FIXTURES, 'validate-two-sets.ts');
    await writeFile(join(root(), 'cm.yaml'), configMap("data:\n  rate: '80'\n  mode: b\n"));
    expect(await validate('-f', 'cm.yaml', '--flags', twoSets)).toEqual({
      code: 1,
      out: [
        `rate: rejected by the validator; ${VALIDATION_EXPECTED} (flag set "library")`,
        'ConfigMap app-config: 2 keys checked against 2 flags: 1 error, 0 warnings, 1 note (--verbose lists them)',
        '',
      ].join('\n'),
      err: '',
    });
    await writeFile(join(root(), 'cm.yaml'), configMap("data:\n  rate: 'x'\n"));
    expect((await validate('-f', 'cm.yaml', '--flags', twoSets)).out).toBe(
      [
        `rate: not an integer; ${INT_EXPECTED} (flag set "app")`,
        `rate: not an integer; ${INT_EXPECTED} (flag set "library")`,
        'ConfigMap app-config: 1 key checked against 2 flags: 2 errors, 0 warnings, 0 notes',
        '',
      ].join('\n'),
    );
  });

  it('picks one of several documents with --name, paths relative to the working directory', async () => {
    const io = captureIo(FIXTURES);
    const argv = ['validate', '-f', 'several-configmaps.yaml', '--flags', 'validate-flags.ts'];
    expect(await runCli([...argv, '--name', 'second-config'], io)).toBe(0);
    expect(io.out).toBe(
      [
        `warning: greeting: ${UNKNOWN}`,
        `warning: logo.bin: ${UNKNOWN}`,
        'ConfigMap second-config: 2 keys checked against 9 flags: 0 errors, 2 warnings, 0 notes',
        '',
      ].join('\n'),
    );
  });

  it('prints one JSON object with --json, with the same exit codes', async () => {
    const bad = await validate('-f', BAD, '--flags', FLAGS, '--json', '--strict');
    expect(bad.code).toBe(1);
    expect(bad.err).toBe('');
    expect(JSON.parse(bad.out)).toEqual({
      kind: 'ConfigMap',
      configMap: 'bad-config',
      ok: false,
      errors: [
        { key: 'example_my_dynamic_int', message: `not an integer; ${INT_EXPECTED}` },
        {
          key: 'example_my_dynamic_json',
          message: `rate must be between 0 and 100; ${VALIDATION_EXPECTED}`,
        },
        {
          key: 'debug',
          message: 'not a boolean; expected a boolean: true/false, 1/0, t/f, yes/no or on/off',
        },
        { key: 'api_token', message: `${WITHHELD}; ${VALIDATION_EXPECTED}` },
        {
          key: 'secret_policy',
          message: `not valid JSON; expected a JSON document such as {"rate": 50}`,
        },
        { key: 'rate_limit_v2', message: 'no flag of that name is declared (--strict)' },
      ],
      warnings: [],
      notes: [{ key: 'port', message: 'static flag, takes effect on restart' }],
      checked: 8,
      keys: 8,
      flags: 9,
    });

    const good = await validate('-f', GOOD, '--flags', FLAGS, '--json');
    expect(good.code).toBe(0);
    expect(good.out.endsWith('}\n')).toBe(true);
    expect(JSON.parse(good.out)).toEqual({
      kind: 'ConfigMap',
      configMap: 'example-config',
      ok: true,
      errors: [],
      warnings: [],
      notes: [],
      checked: 3,
      keys: 3,
      flags: 9,
    });

    const refused = await validateText(configMap('data:\n  a/b: x\n'), '--json');
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.out)).toEqual({
      kind: 'ConfigMap',
      configMap: 'app-config',
      ok: false,
      errors: [
        {
          key: null,
          message:
            'data key "a/b" is invalid: "a/b" must consist of letters, digits, "-", "_" or "." ([-._a-zA-Z0-9]+)',
        },
      ],
      warnings: [],
      notes: [],
      checked: 0,
      keys: 1,
      flags: 9,
    });
  });

  describe('with a compiled flags module loading the built package (dist/)', () => {
    const mjs = join(FIXTURES, 'validate-flags.mjs');
    const main = join(ROOT, 'dist/cli/main.js');
    const badOut = [
      `example_my_dynamic_int: not an integer; ${INT_EXPECTED}`,
      `warning: debug: ${UNKNOWN}`,
      `warning: api_token: ${UNKNOWN}`,
      `warning: secret_policy: ${UNKNOWN}`,
      `warning: rate_limit_v2: ${UNKNOWN}`,
      'ConfigMap bad-config: 8 keys checked against 4 flags: 1 error, 4 warnings, 1 note (--verbose lists them)',
      '',
    ].join('\n');

    beforeAll(() => {
      expect(existsSync(main), `${main} is missing: run "npm run build" first`).toBe(true);
    });

    it('accepts its sets in-process, though they are of another copy of the FlagSet class', async () => {
      expect(await validate('-f', BAD, '--flags', mjs)).toEqual({ code: 1, out: badOut, err: '' });
    });

    it('runs as the built CLI in a child process', () => {
      const run = (...argv: string[]) => {
        const child = spawnSync(process.execPath, [main, 'validate', ...argv], {
          cwd: ROOT,
          encoding: 'utf8',
        });
        return { code: child.status, out: child.stdout, err: child.stderr };
      };
      const flags = ['--flags', 'test/fixtures/validate-flags.mjs'];
      expect(run('-f', 'test/fixtures/example-configmap.yaml', ...flags)).toEqual({
        code: 0,
        out: 'ConfigMap example-config: 3 keys checked against 4 flags: 0 errors, 0 warnings, 0 notes\n',
        err: '',
      });
      expect(run('-f', 'test/fixtures/validate-bad-configmap.yaml', ...flags)).toEqual({
        code: 1,
        out: badOut,
        err: '',
      });
      const typescript = run('-f', 'x.yaml', '--flags', 'test/fixtures/validate-flags.ts');
      expect(typescript).toMatchObject({ code: 2, out: '' });
      expect(typescript.err).toMatch(
        /^dflag validate: cannot load the flags module test\/fixtures\/validate-flags\.ts: .+; dflag runs on JavaScript: point --flags at the compiled module\n$/,
      );
      expect(run('-f', 'test/fixtures/example-configmap.yaml')).toMatchObject({
        code: 2,
        out: '',
        err: expect.stringMatching(
          /^dflag validate: missing required option --flags <module.js>\n\nUsage: dflag validate /,
        ),
      });
    });
  });
});
