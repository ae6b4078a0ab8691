import { lchown, lstat, lutimes, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { hasErrno } from './errno.util.js';

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
 * symlinks, receives an attribute change (owner and mode are left as they are). Waits `delayMs`
 * at the end, before the caller swaps `..data`.
 */
export async function touchVolumeForFsGroup(dir: string, delayMs = 0): Promise<void> {
  await walk(dir);
  if (delayMs > 0) await sleep(delayMs);
}
