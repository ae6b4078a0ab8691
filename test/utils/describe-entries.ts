import { lstat, readdir, readlink } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * describeEntries lists every entry under `dir`, depth-first in sorted order, one line each:
 * `path/ 755` for a directory, `path 644` for a file (its permission bits in octal) and
 * `path -> target` for a symlink (not followed).
 */
export async function describeEntries(dir: string, prefix = ''): Promise<string[]> {
  const lines: string[] = [];
  for (const name of (await readdir(join(dir, prefix))).sort()) {
    const path = prefix === '' ? name : `${prefix}/${name}`;
    const info = await lstat(join(dir, path));
    if (info.isSymbolicLink()) {
      lines.push(`${path} -> ${await readlink(join(dir, path))}`);
    } else if (info.isDirectory()) {
      lines.push(`${path}/ ${(info.mode & 0o777).toString(8)}`);
      lines.push(...(await describeEntries(dir, path)));
    } else {
      lines.push(`${path} ${(info.mode & 0o777).toString(8)}`);
    }
  }
  return lines;
}
