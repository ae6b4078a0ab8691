import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** makeTempDir creates a fresh, empty directory under `os.tmpdir()` and returns its path. */
export async function makeTempDir(prefix = 'dflag-test-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

/** removeTempDir deletes `dir` and everything in it; a missing directory is fine. */
export async function removeTempDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}
