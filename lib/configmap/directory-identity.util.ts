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
