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
 * kubelet would write a mounted ConfigMap (`created`: removed at shutdown).
 */
export async function prepareConfigDir(given: string): Promise<{ dir: string; created: boolean }> {
  if (given !== '') return { dir: given, created: false };
  const dir = join(await mkdtemp(join(tmpdir(), 'dflag-sample-')), 'etc-dflag');
  const manifest = await readConfigMapManifest(EMBEDDED_MANIFEST);
  await writeConfigMapVolume(dir, manifestToPayload(manifest));
  return { dir, created: true };
}
