import { realpathSync, statSync } from 'node:fs';

/** DirectoryIdentity is the real path of a directory and its `device:inode`. */
export interface DirectoryIdentity {
  readonly path: string;
  readonly id: string;
}

/** directoryIdentity gives the real path of a directory and its device:inode, or undefined when missing. */
export function directoryIdentity(path: string): DirectoryIdentity | undefined {
  try {
    const real = realpathSync(path);
    const info = statSync(real);
    return info.isDirectory() ? { path: real, id: `${info.dev}:${info.ino}` } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * directoryId is the `device:inode` of the directory a path leads to (one `stat`, symlinks
 * followed), or undefined when it is missing or not a directory: what tells, on every check,
 * whether the directory watched is still the mount.
 */
export function directoryId(path: string): string | undefined {
  try {
    const info = statSync(path);
    return info.isDirectory() ? `${info.dev}:${info.ino}` : undefined;
  } catch {
    return undefined;
  }
}
