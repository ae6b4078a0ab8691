import { lstatSync, readdirSync, readlinkSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_DIR_NAME, KUBELET_PREFIX } from '../kubelet/kubelet.constants.js';

const isMissing = (error: unknown): boolean =>
  (error as NodeJS.ErrnoException).code === 'ENOENT' ||
  (error as NodeJS.ErrnoException).code === 'ENOTDIR';

/**
 * probeVolume returns a cheap identity of the directory's current state,
 * used to decide whether a hint (a watcher event, a periodic tick) is worth
 * a reload:
 * - kubelet layout: `kubelet:<..data target>` — one `readlink`;
 * - plain layout: `plain:` + every file's name, size, mtime and inode
 *   (symlinks followed: developers link files into such directories);
 * - `missing`, or `transient` when `..data` is absent but kubelet's entries
 *   are there (a non-atomic relink in progress).
 */
export function probeVolume(dir: string): string {
  try {
    return `kubelet:${readlinkSync(join(dir, DATA_DIR_NAME))}`;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOTDIR') return 'missing';
    if (code !== 'ENOENT' && code !== 'EINVAL') throw error;
  }
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch (error) {
    if (isMissing(error)) return 'missing';
    throw error;
  }
  if (looksLikeKubelet(dir, names)) return 'transient';
  const parts: string[] = [];
  for (const name of names) {
    if (name.startsWith('.')) continue;
    try {
      const s = statSync(join(dir, name));
      parts.push(`${name}:${s.size}:${s.mtimeMs}:${s.ino}:${s.mode}`);
    } catch {
      parts.push(`${name}:dangling`);
    }
  }
  return `plain:${parts.join('/')}`;
}

/** looksLikeKubelet: kubelet's own names, or per-key links into `..data/`, without `..data` itself. */
export function looksLikeKubelet(dir: string, names: readonly string[]): boolean {
  if (names.some((n) => n.startsWith(KUBELET_PREFIX))) return true;
  for (const name of names) {
    if (name.startsWith('.')) continue;
    try {
      if (
        lstatSync(join(dir, name)).isSymbolicLink() &&
        readlinkSync(join(dir, name)).startsWith(`${DATA_DIR_NAME}/`)
      ) {
        return true;
      }
    } catch {
      // Gone meanwhile: nothing to conclude from it.
    }
  }
  return false;
}
