import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeConfigMapVolume } from '../../../lib/testing/index.js';
import type { VolumePayload } from '../../../lib/testing/index.js';
import { makeTempDir, removeTempDir } from '../../utils/temp-dir.js';

/**
 * A ConfigMap volume in a fresh temp dir, written the way kubelet writes it
 * (timestamped directory, `..data` swap). `write` replaces the whole
 * payload, like a ConfigMap update.
 */
export interface TestVolume {
  /** The temp dir holding the mount. */
  readonly root: string;
  /** The mount directory (what DflagModule is bound to). */
  readonly dir: string;
  write(payload: VolumePayload): Promise<void>;
  remove(): Promise<void>;
}

export async function createVolume(payload?: VolumePayload): Promise<TestVolume> {
  const root = await makeTempDir('dflag-e2e-');
  const dir = join(root, 'etc-dflag');
  const volume: TestVolume = {
    root,
    dir,
    write: async (next) => {
      await writeConfigMapVolume(dir, next);
    },
    remove: () => removeTempDir(root),
  };
  if (payload) await volume.write(payload);
  return volume;
}

/** writePlainDir writes files into a plain directory (no kubelet layout), as in development. */
export async function writePlainDir(dir: string, files: Record<string, string>): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
}
