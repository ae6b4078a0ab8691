import { chmod, lchown, lstat, lutimes, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { hasErrno } from './errno.util.js';

/** What kubelet's SetVolumeOwnership adds to a read-only volume's file (r for the group)… */
const READ_ONLY_FILE_MASK = 0o440;
/** …and to a directory (r-x for the group, setgid: new entries take the fsGroup). */
const READ_ONLY_DIR_MASK = 0o2550;

async function touch(path: string): Promise<boolean> {
  const stats = await lstat(path);
  try {
    // Owner and group unchanged: the call still reaches notify_change, so inotify reports
    // IN_ATTRIB exactly as kubelet's lchown to the fsGroup does.
    await lchown(path, stats.uid, stats.gid);
  } catch (error) {
    // Without CAP_CHOWN, re-setting a group we are not a member of fails; re-setting the
    // timestamps is another attribute change that any owner may make, symlinks included.
    if (!hasErrno(error, 'EPERM')) throw error;
    await lutimes(path, stats.atime, stats.mtime);
  }
  // Then kubelet's chmod of a read-only volume (symlinks skipped): group read for a file, group
  // read and search plus setgid for a directory, added to the mode (0755 becomes 02755).
  if (!stats.isSymbolicLink()) {
    const mask = stats.isDirectory() ? READ_ONLY_DIR_MASK : READ_ONLY_FILE_MASK;
    await chmod(path, (stats.mode & 0o7777) | mask);
  }
  return stats.isDirectory();
}

async function walk(path: string): Promise<void> {
  if (!(await touch(path))) return;
  // Go's filepath.Walk visits entries in byte order, symlinks not followed.
  const names = (await readdir(path)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const name of names) await walk(join(path, name));
}

/**
 * touchVolumeForFsGroup reproduces kubelet's `SetVolumeOwnership` walk: every entry of the volume,
 * the directory itself first, then its entries depth-first in byte order, without following
 * symlinks, receives an attribute change (the owner is left as it is) and, but a symlink, kubelet's
 * chmod (file modes gain 0440, directories 02550: a version directory becomes 02755). Waits `delayMs`
 * at the end, before the caller swaps `..data`.
 */
export async function touchVolumeForFsGroup(dir: string, delayMs = 0): Promise<void> {
  await walk(dir);
  if (delayMs > 0) await sleep(delayMs);
}
