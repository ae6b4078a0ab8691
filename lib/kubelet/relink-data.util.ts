import { readlink, symlink, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { DATA_DIR_NAME } from './kubelet.constants.js';

/**
 * relinkDataNonAtomically replaces `..data` the way `ln -sfn` does: `unlink`, then `symlink`,
 * leaving a moment in which `..data` does not exist (unlike kubelet's rename). Tests use it to
 * check that a watcher survives a missing `..data`.
 *
 * @param dir the volume directory
 * @param target the new target of `..data` (default: its current target)
 * @returns the target `..data` now points at
 */
export async function relinkDataNonAtomically(dir: string, target?: string): Promise<string> {
  const dataPath = join(dir, DATA_DIR_NAME);
  const newTarget = target ?? (await readlink(dataPath));
  await unlink(dataPath);
  await symlink(newTarget, dataPath);
  return newTarget;
}
