import { lstatSync, readdirSync, readlinkSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { errnoOf as errno } from '../kubelet/errno.util.js';
import { DATA_DIR_NAME, KUBELET_PREFIX } from '../kubelet/kubelet.constants.js';

/** What a kubelet volume's identity starts with, before `..data`'s target. */
export const KUBELET_IDENTITY = 'kubelet:';

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
 *   layout caught mid-change (see {@link KubeletTransition});
 * - `missing`; `unreadable:<code>` when the directory cannot be listed or searched.
 */
export function probeVolume(dir: string): string {
  let dataIsReal = false;
  try {
    return KUBELET_IDENTITY + readlinkSync(join(dir, DATA_DIR_NAME));
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
  return plainFingerprint(dir, names, dataIsReal).identity;
}

/** PlainFingerprint is a plain directory's identity and whether it is kubelet's layout mid-change. */
export interface PlainFingerprint {
  /** `plain:` or `transient:` + every visible entry's name, size, mtime, ctime, inode and mode. */
  readonly identity: string;
  readonly transition: KubeletTransition | undefined;
}

/**
 * plainFingerprint looks at every visible entry of a directory without a
 * `..data` symlink once: an `lstat`, and for a symlink its target too (for
 * the fingerprint: symlinks are followed) and whether it leads into `..data/`
 * (see {@link KubeletTransition}). `dataIsReal`: `..data` is there as a real
 * directory, which resolves the per-key links: no transition.
 */
export function plainFingerprint(
  dir: string,
  names: readonly string[],
  dataIsReal: boolean,
): PlainFingerprint {
  const parts: string[] = [];
  let visible = false;
  let links = false;
  for (const name of [...names].sort()) {
    if (name.startsWith('.')) continue;
    visible = true;
    const path = join(dir, name);
    try {
      let s = lstatSync(path);
      if (s.isSymbolicLink()) {
        links ||= readlinkSync(path).startsWith(`${DATA_DIR_NAME}/`);
        s = statSync(path);
      }
      parts.push(`${name}:${s.size}:${s.mtimeMs}:${s.ctimeMs}:${s.ino}:${s.mode}`);
    } catch {
      parts.push(`${name}:dangling`);
    }
  }
  const transition = dataIsReal
    ? undefined
    : links
      ? 'links'
      : !visible && names.some((n) => n.startsWith(KUBELET_PREFIX))
        ? 'first-write'
        : undefined;
  return { identity: `${transition ? 'transient' : 'plain'}:${parts.join('/')}`, transition };
}

/**
 * KubeletTransition is why a directory without `..data` still looks like
 * kubelet's: `links` — keys are symlinks into `..data/`, their target gone (a
 * relink in progress, or the layout broken); `first-write` — nothing visible
 * but a `..`-prefixed entry (kubelet's first write into an empty volume, before
 * `..data` exists; or a version directory a failed write left behind).
 */
export type KubeletTransition = 'links' | 'first-write';
// Nothing else makes a directory kubelet's: names starting with `..` beside plain files (an
// editor's `..notes`) are ignored like every dotfile. The caller waits a grace period, then reads
// such a directory as a plain one.
