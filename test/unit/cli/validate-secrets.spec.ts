import { join } from 'node:path';
import { writeFile } from 'node:fs/promises';
import { configMap, FIXTURES, validateHarness } from './validate-harness.js';

const FLAGS = join(FIXTURES, 'validate-secret-flags.ts');
const THREW = 'the validator threw (what it threw is not shown for a sensitive flag)';
const EXPECTED = "expected a value that passes the flag's validation";

describe('dflag validate: validators that throw on sensitive flags', () => {
  const { root, validate } = validateHarness();
  const text = configMap(
    "data:\n  stripe_key: 'sk_live_4eC39HqLyjWDarjtT1'\n  other_key: 'sk_live_99'\n  pin: '0x12d'\n",
  );

  it('prints one refusal per key, naming it, with no message from the validator', async () => {
    await writeFile(join(root(), 'cm.yaml'), text);
    expect(await validate('-f', 'cm.yaml', '--flags', FLAGS)).toEqual({
      code: 1,
      out: [
        `stripe_key: ${THREW}; ${EXPECTED}`,
        `other_key: ${THREW}; ${EXPECTED}`,
        `pin: ${THREW}; ${EXPECTED}`,
        'ConfigMap app-config: 3 keys checked against 3 flags: 3 errors, 0 warnings, 0 notes',
        '',
      ].join('\n'),
      err: '',
    });
  });

  it('and the same with --json', async () => {
    await writeFile(join(root(), 'cm.yaml'), text);
    const { code, out } = await validate('-f', 'cm.yaml', '--flags', FLAGS, '--json');
    expect(code).toBe(1);
    expect(out).not.toMatch(/sk_live|0x12d|301|asynchronous/);
    expect(JSON.parse(out).errors).toEqual([
      { key: 'stripe_key', message: `${THREW}; ${EXPECTED}` },
      { key: 'other_key', message: `${THREW}; ${EXPECTED}` },
      { key: 'pin', message: `${THREW}; ${EXPECTED}` },
    ]);
  });
});
