import { lstatSync, readdirSync, readlinkSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_DIR_NAME, KUBELET_PREFIX } from '../kubelet/kubelet.constants.js';

const errno = (error: unknown): string | undefined => (error as NodeJS.ErrnoException).code;

/**
 * probeVolume returns a cheap identity of the directory's current state,
 * used to decide whether a hint (a watcher event, a periodic tick) is worth
 * a read:
 * - kubelet layout (`..data` is a symlink): `kubelet:<..data target>` — one `readlink`;
 * - plain layout: `plain:` + every visible file's name, size, mtime, ctime,
 *   inode and mode (symlinks followed: developers link files into such
 *   directories). ctime is there because `cp -p`, `rsync -t` and `tar -x`
 *   restore size and mtime, never ctime;
 * - `transient:` + the same fingerprint when the directory is kubelet's
 *   layout caught mid-change (see {@link kubeletTransition});
 * - `missing`; `unreadable:<code>` when the directory cannot be listed.
 */
export function probeVolume(dir: string): string {
  let dataIsReal = false;
  try {
    return `kubelet:${readlinkSync(join(dir, DATA_DIR_NAME))}`;
  } catch (error) {
    const code = errno(error);
    if (code === 'ENOTDIR') return 'missing';
    if (code !== 'ENOENT' && code !== 'EINVAL') return `unreadable:${code}`;
    dataIsReal = code === 'EINVAL'; // there, and not a symlink
  }
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch (error) {
    const code = errno(error);
    return code === 'ENOENT' || code === 'ENOTDIR' ? 'missing' : `unreadable:${code}`;
  }
  const parts: string[] = [];
  for (const name of names) {
    if (name.startsWith('.')) continue;
    try {
      const s = statSync(join(dir, name));
      parts.push(`${name}:${s.size}:${s.mtimeMs}:${s.ctimeMs}:${s.ino}:${s.mode}`);
    } catch {
      parts.push(`${name}:dangling`);
    }
  }
  const transition = !dataIsReal && kubeletTransition(dir, names) !== undefined;
  return `${transition ? 'transient' : 'plain'}:${parts.join('/')}`;
}

/**
 * KubeletTransition is why a directory without `..data` still looks like
 * kubelet's: `links` — keys are symlinks into `..data/`, their target gone (a
 * relink in progress, or the layout broken); `first-write` — nothing visible
 * but a `..`-prefixed entry (kubelet's first write into an empty volume, before
 * `..data` exists; or a version directory a failed write left behind).
 */
export type KubeletTransition = 'links' | 'first-write';

/**
 * kubeletTransition tells whether a directory without `..data` (the caller
 * checked) is kubelet's layout caught mid-change. Nothing else makes a
 * directory kubelet's: names starting with `..` beside plain files (an
 * editor's `..notes`) are ignored like every dotfile. The caller waits a
 * grace period, then reads it as a plain directory.
 */
export function kubeletTransition(
  dir: string,
  names: readonly string[],
): KubeletTransition | undefined {
  let visible = false;
  for (const name of names) {
    if (name.startsWith('.')) continue;
    visible = true;
    try {
      const path = join(dir, name);
      if (lstatSync(path).isSymbolicLink() && readlinkSync(path).startsWith(`${DATA_DIR_NAME}/`)) {
        return 'links';
      }
    } catch {
      // Gone meanwhile: nothing to conclude from it.
    }
  }
  if (!visible && names.some((n) => n.startsWith(KUBELET_PREFIX))) return 'first-write';
  return undefined;
}
