import { lstat, readlink } from 'node:fs/promises';
import { join } from 'node:path';
import { hasErrno } from './errno.util.js';
import { DATA_DIR_NAME, DATA_TMP_NAME, KUBELET_PREFIX } from './kubelet.constants.js';
import { volumeMessages } from './volume-messages.constant.js';

/**
 * isVersionDirName tells whether `name` can be a version directory of a volume: one path
 * component starting with `..` (the timestamp itself is never parsed: older kubelets wrote other
 * shapes), neither `..` nor kubelet's `..data` / `..data_tmp`.
 */
export function isVersionDirName(name: string): boolean {
  return (
    name.startsWith(KUBELET_PREFIX) &&
    !name.includes('/') &&
    name !== '..' &&
    name !== DATA_DIR_NAME &&
    name !== DATA_TMP_NAME
  );
}

/**
 * readCurrentVersion gives the version directory `..data` names in the volume `dir`, or
 * `undefined` when there is no `..data`. Whatever the writer will read, compare and then delete
 * must be its own: `..data` must be a symlink to a version directory directly inside `dir` (see
 * {@link isVersionDirName}) that is a real directory, not a symlink, or is gone (a version removed
 * by hand: the next write replaces it). Anything else is refused before the disk is touched.
 *
 * @throws Error naming `..data` and what it points to, when it is anything else
 */
export async function readCurrentVersion(dir: string): Promise<string | undefined> {
  const dataPath = join(dir, DATA_DIR_NAME);
  const refuse = (reason: string): never => {
    throw new Error(volumeMessages.refused(dir, reason));
  };
  let target: string;
  try {
    target = await readlink(dataPath);
  } catch (error) {
    if (hasErrno(error, 'ENOENT')) return undefined;
    if (hasErrno(error, 'EINVAL')) refuse(volumeMessages.dataNotSymlink(dataPath));
    throw error;
  }
  if (!isVersionDirName(target)) refuse(volumeMessages.dataLeadsOutside(dataPath, target));
  let stats;
  try {
    stats = await lstat(join(dir, target));
  } catch (error) {
    if (hasErrno(error, 'ENOENT')) return target;
    throw error;
  }
  if (stats.isSymbolicLink()) {
    refuse(volumeMessages.dataTargetNotDirectory(dataPath, target, volumeMessages.aSymlink));
  }
  if (!stats.isDirectory()) {
    refuse(volumeMessages.dataTargetNotDirectory(dataPath, target, volumeMessages.notADirectory));
  }
  return target;
}
