import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { configMap, FIXTURES, validateHarness } from '../unit/cli/validate-harness.js';

const FLAGS = join(FIXTURES, 'validate-secret-flags.ts');

describe('review: dflag validate quotes an unquoted value that YAML reads as an alias', () => {
  const { root, validate } = validateHarness();

  // Was a defect (fixed): an unquoted value starting with `*` (a password such as *hunter2) is a YAML alias;
  // the "names no anchor" message quotes it (manifestMessages.unknownAlias), so the sensitive
  // flag's value is printed by `dflag validate` (text and --json) and is in ManifestError.message.
  it('a sensitive key whose unquoted value is *hunter2 is refused without printing it', async () => {
    await writeFile(join(root(), 'cm.yaml'), configMap('data:\n  stripe_key: *hunter2\n'));
    const text = await validate('-f', 'cm.yaml', '--flags', FLAGS);
    const json = await validate('-f', 'cm.yaml', '--flags', FLAGS, '--json');
    expect(text.code).toBe(1);
    expect(json.code).toBe(1);
    expect(`${text.out}${text.err}${json.out}${json.err}`).not.toContain('hunter2');
  });
});
