import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { configMap, validateHarness } from '../unit/cli/validate-harness.js';

const FLAGS = join(import.meta.dirname, 'fixtures/two-sets-one-sensitive.ts');

describe('review: dflag validate, a key sensitive in one set and not in another', () => {
  const { root, validate } = validateHarness();

  // Was a defect (fixed): checkManifest describes each declaring set's refusal on its own, so the set that does
  // not mark the key sensitive prints its validator's message, which quotes the value that the
  // application's set declares a secret (text and --json).
  it('the value is not printed when any declaring set marks the key sensitive', async () => {
    await writeFile(join(root(), 'cm.yaml'), configMap("data:\n  token: 'sk_live_hunter2'\n"));
    const text = await validate('-f', 'cm.yaml', '--flags', FLAGS);
    const json = await validate('-f', 'cm.yaml', '--flags', FLAGS, '--json');
    expect(text.code).toBe(1);
    expect(`${text.out}${text.err}${json.out}${json.err}`).not.toContain('hunter2');
  });
});
