import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runCli } from '../../../lib/cli/run-cli.js';
import { captureIo } from '../../utils/capture-io.js';
import { FLAGS, validateHarness } from './validate-harness.js';
import { expectNoSecret } from '../../redaction/support/secret-values.js';

const AUDIT_FLAGS = join(import.meta.dirname, '../../redaction/support/audit-flags.ts');
const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');
const secret = (body: string): string =>
  `apiVersion: v1\nkind: Secret\nmetadata:\n  name: app-secret\ntype: Opaque\n${body}`;

describe('kind: Secret (dflag apply and validate)', () => {
  const { root, validate, validateText } = validateHarness();

  async function apply(text: string) {
    await writeFile(join(root(), 'secret.yaml'), text);
    const io = captureIo(root());
    const code = await runCli(['apply', '-f', 'secret.yaml', '--dir', 'vol'], io);
    return { code, out: io.out, err: io.err };
  }

  it('apply writes data decoded from base64, stringData overriding data per key', async () => {
    const text = secret(
      `data:\n  api_token: ${b64('from-data')}\n  pin: ${b64('4821')}\nstringData:\n  api_token: from-stringData\n  rate: '3'\n`,
    );
    const { code, out, err } = await apply(text);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toMatch(/^applied Secret app-secret to vol: 3 keys, version \.\./);
    const read = (key: string) => readFile(join(root(), 'vol', key), 'utf8');
    expect(await read('api_token')).toBe('from-stringData');
    expect(await read('pin')).toBe('4821');
    expect(await read('rate')).toBe('3');
  });

  it('refuses invalid base64 naming the key, never echoing the value', async () => {
    const text = secret(
      "data:\n  api_token: 'sk_live_X9q!'\n  pin: 4821\nstringData:\n  db_password: 17\n",
    );
    const { code, out, err } = await apply(text);
    expect({ code, out }).toEqual({ code: 1, out: '' });
    expect(err).toBe(
      'dflag apply: Refused Secret manifest secret.yaml:\n' +
        '  - stringData key "db_password" has a number value; Secret stringData values must be strings (kubectl refuses it): quote it, e.g. db_password: "…"\n' +
        '  - data key "api_token" is not valid base64 (standard alphabet, with = padding); a Secret\'s data is base64, plain text goes under stringData\n' +
        '  - data key "pin" must be a base64 string (plain text goes under stringData)\n',
    );
    expect(err).not.toMatch(/X9q|4821|17/);
  });

  it('a tagged scalar is named for what it holds, not called a number', async () => {
    const text = secret('stringData:\n  sec_str: !!binary S3cr3tSGVsbG8=\n');
    const { code, err } = await apply(text);
    expect(code).toBe(1);
    expect(err).toContain('stringData key "sec_str" has a binary (!!binary) value');
    expect(err).not.toMatch(/S3cr3t|SGVsbG8/);
  });

  it('validate checks a Secret, treating every key as sensitive whatever its flag declares', async () => {
    // example_my_dynamic_string and example_my_dynamic_int are plain flags: in a ConfigMap the
    // int's reason would be shown; in a Secret the library's own words only.
    const text = secret(
      `data:\n  example_my_dynamic_int: ${b64('sk_live_X9q')}\nstringData:\n  example_my_dynamic_json: '{"policy": "allow", "rate": "hunter2"}'\n  port: '80'\n`,
    );
    const { code, out, err } = await validateText(text, '--verbose');
    expect(err).toBe('');
    expect(code).toBe(1);
    expect(out).not.toMatch(/sk_live|X9q|hunter2/);
    expect(out).toBe(
      [
        "example_my_dynamic_json: the reason is not shown for a sensitive flag; expected a value that passes the flag's validation",
        'example_my_dynamic_int: the reason is not shown for a sensitive flag; expected a safe integer such as 42, -7, 0x2a, 0o52 or 0b101010',
        'note: port: static flag, takes effect on restart',
        'Secret app-secret: 3 keys checked against 9 flags: 2 errors, 0 warnings, 1 note',
        '',
      ].join('\n'),
    );
    const json = await validate('-f', 'cm.yaml', '--flags', FLAGS, '--json');
    expect(JSON.parse(json.out)).toMatchObject({ kind: 'Secret', configMap: 'app-secret' });
  });

  it('prints no secret of the redaction audit through a Secret, as text or --json', async () => {
    const values = {
      api_token: 'sk_live_X9q',
      pin: '7x3',
      db_password: 'pw_next_7Yq',
      rate: 'hunter2',
    };
    const text = secret(
      `data:\n${Object.entries(values)
        .map(([k, v]) => `  ${k}: ${b64(v)}\n`)
        .join('')}`,
    );
    await writeFile(join(root(), 'secret.yaml'), text);
    for (const extra of [[], ['--json'], ['--verbose']]) {
      const run = await validate('-f', 'secret.yaml', '--flags', AUDIT_FLAGS, ...extra);
      expect(run.code).toBe(1);
      expectNoSecret(`dflag validate ${extra.join(' ')} on a Secret`, `${run.out}${run.err}`);
    }
  });
});
