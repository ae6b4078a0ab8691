import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { runCli } from '../../../lib/cli/run-cli.js';
import { captureIo } from '../../utils/capture-io.js';
import { makeTempDir, removeTempDir } from '../../utils/temp-dir.js';

export const ROOT = resolve(import.meta.dirname, '../../..');
export const FIXTURES = join(ROOT, 'test/fixtures');
/** The fixture flags module most validate tests check against (9 flags). */
export const FLAGS = join(FIXTURES, 'validate-flags.ts');
export const GOOD = join(FIXTURES, 'example-configmap.yaml');

/** configMap wraps a `data:`/`binaryData:` body into a ConfigMap named app-config. */
export const configMap = (body: string): string =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app-config\n${body}`;

/**
 * validateHarness gives each test a fresh working directory (set up and removed by the suite's
 * hooks) and runs `dflag validate` in-process there, capturing its output.
 */
export function validateHarness() {
  let root = '';
  beforeEach(async () => {
    root = await makeTempDir();
  });
  afterEach(async () => {
    await removeTempDir(root);
  });

  async function validate(...argv: string[]) {
    const io = captureIo(root);
    const code = await runCli(['validate', ...argv], io);
    return { code, out: io.out, err: io.err };
  }

  return {
    root: () => root,
    validate,
    /** validateText writes `text` as cm.yaml and validates it against {@link FLAGS}. */
    async validateText(text: string, ...extra: string[]) {
      await writeFile(join(root, 'cm.yaml'), text);
      return validate('-f', 'cm.yaml', '--flags', FLAGS, ...extra);
    },
  };
}
