import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { configMap, validateHarness } from '../unit/cli/validate-harness.js';
import { expectNoSecret, VERSIONS } from './support/secret-values.js';

const FLAGS = resolve(import.meta.dirname, 'support/audit-flags.ts');

const manifest = (values: Readonly<Record<string, string>>): string =>
  configMap(
    `data:\n${Object.entries(values)
      .map(([key, value]) => `  ${key}: ${JSON.stringify(value)}\n`)
      .join('')}`,
  );

describe('redaction audit: dflag validate output', () => {
  const { root, validate } = validateHarness();

  for (const [name, values] of Object.entries(VERSIONS))
    it(`prints no secret for the ${name} version, as text or --json`, async () => {
      await writeFile(join(root(), 'cm.yaml'), manifest(values));
      const text = await validate('-f', 'cm.yaml', '--flags', FLAGS);
      const json = await validate('-f', 'cm.yaml', '--flags', FLAGS, '--json');
      expectNoSecret(`dflag validate (${name})`, `${text.out}${text.err}`);
      expectNoSecret(`dflag validate --json (${name})`, `${json.out}${json.err}`);
      expect(text.code).toBe(name === 'refused' ? 1 : 0);
      if (name === 'refused') expect(text.out).toMatch(/^api_token: .*\npin: /m);
    });

  it('says a Secret over 1 MiB is over the limit, not how big its values are', async () => {
    const value = 'k'.repeat(1_048_600);
    await writeFile(
      join(root(), 'big.yaml'),
      `apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\nstringData:\n  api_token: ${value}\n  pin: "1234"\n`,
    );
    for (const json of [[], ['--json']]) {
      const { code, out, err } = await validate('-f', 'big.yaml', '--flags', FLAGS, ...json);
      expect(code).toBe(1);
      expect(`${out}${err}`).toContain('over the 1048576-byte (1 MiB) limit of a Secret');
      expect(`${out}${err}`).not.toMatch(/104860\d|1048604|kkkk/);
    }
  });
});
