import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { runCli } from '../../../lib/cli/run-cli.js';
import { captureIo } from '../../utils/capture-io.js';

/** DiffRun is what one `dflag` run gave: its exit code and what it wrote. */
export interface DiffRun {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/** runDflag runs `dflag <argv>` in-process in `cwd` (with `stdin` for `-f -`), capturing its output. */
export async function runDflag(cwd: string, argv: string[], stdin?: string): Promise<DiffRun> {
  const io = captureIo(cwd);
  const code = await runCli(argv, {
    ...io,
    stdout: io.stdout,
    stderr: io.stderr,
    ...(stdin === undefined ? {} : { stdin: Readable.from([Buffer.from(stdin)]) }),
  });
  return { code, out: io.out, err: io.err };
}

/** yamlValue quotes a value for a manifest's `data:` (a JSON string is valid YAML). */
const yamlValue = (value: string): string => JSON.stringify(value);

/** writeManifest writes a ConfigMap (or, with `kind`, a Secret's `stringData`) as `file` in `dir`. */
export async function writeManifest(
  dir: string,
  file: string,
  data: Record<string, string>,
  kind: 'ConfigMap' | 'Secret' = 'ConfigMap',
  name = kind === 'Secret' ? 'app-secret' : 'app-config',
): Promise<string> {
  const field = kind === 'Secret' ? 'stringData' : 'data';
  const body = Object.entries(data)
    .map(([key, value]) => `  ${key}: ${yamlValue(value)}`)
    .join('\n');
  const text = `apiVersion: v1\nkind: ${kind}\nmetadata:\n  name: ${name}\n${field}:\n${body || '  {}'}\n`;
  await writeFile(join(dir, file), text.replace(`${field}:\n  {}`, `${field}: {}`));
  return text;
}
