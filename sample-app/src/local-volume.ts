import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const here = dirname(fileURLToPath(import.meta.url)); // sample-app/dist

/** The ConfigMap `npm start` runs on, the one the Deployment mounts. */
export const EXAMPLE_CONFIGMAP = join(here, '../k8s/example.yaml');

/** The Secret projected into the same volume (its value is a fake). */
export const EXAMPLE_SECRET = join(here, '../k8s/secret.yaml');

/**
 * The directory `npm start` lays the volume out in and `npm run sample:apply` writes to, unless
 * `--local-dir` / `--dir` say otherwise: fixed and inside the clone, so that the second command
 * finds it without being told, and two clones never share it.
 */
export const DEFAULT_LOCAL_DIR = join(here, '../../.tmp/sample-volume');

/** dflagCli is the path of the package's `dflag` bin, as `npx dflag` would run it. */
async function dflagCli(): Promise<string> {
  const manifest = fileURLToPath(import.meta.resolve('nestjs-dflag/package.json'));
  const { bin } = JSON.parse(await readFile(manifest, 'utf8')) as { bin: { dflag: string } };
  return join(dirname(manifest), bin.dflag);
}

/**
 * applyVolume runs `dflag apply -f <configMap> -f <secret> --dir <dir>`: both sources written into
 * one version, as kubelet writes a projected volume (applying the ConfigMap alone would remove the
 * Secret's keys). Resolves with what it printed; rejects with its error output.
 */
export async function applyVolume(
  dir: string,
  configMap = EXAMPLE_CONFIGMAP,
  secret = EXAMPLE_SECRET,
): Promise<string> {
  const argv = [await dflagCli(), 'apply', '-f', configMap, '-f', secret, '--dir', dir];
  try {
    const { stdout } = await promisify(execFile)(process.execPath, argv);
    return stdout;
  } catch (error) {
    const { stderr } = error as { stderr?: string };
    throw new Error(stderr?.trim() || String(error), { cause: error });
  }
}
