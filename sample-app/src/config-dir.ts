import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  manifestToPayload,
  readConfigMapManifest,
  writeConfigMapVolume,
} from 'nestjs-dflag/testing';

/** The embedded default configuration, next to this app's sources. */
export const EMBEDDED_MANIFEST = fileURLToPath(new URL('../configmap.yaml', import.meta.url));

/**
 * prepareConfigDir returns the directory to read flags from: the one given,
 * or a fresh one into which the embedded manifest is applied exactly as
 * kubelet would write a mounted ConfigMap.
 */
export async function prepareConfigDir(given: string): Promise<string> {
  if (given !== '') return given;
  const dir = join(await mkdtemp(join(tmpdir(), 'dflag-sample-')), 'etc-dflag');
  const manifest = await readConfigMapManifest(EMBEDDED_MANIFEST);
  await writeConfigMapVolume(dir, manifestToPayload(manifest));
  return dir;
}
