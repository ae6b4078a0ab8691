import { readFileSync } from 'node:fs';
import { resolve, sep } from 'node:path';

/** MountEntry is what the subPath check needs from one line of `/proc/self/mountinfo`. */
export interface MountEntry {
  /** The mounted part of its filesystem (field 4): `/` for a whole volume, a subdirectory or file for a bind mount. */
  readonly root: string;
  /** Where it is mounted (field 5). */
  readonly mountPoint: string;
}

// Mountinfo escapes space, tab, newline and backslash as octal (`\040`).
const unescapeField = (field: string): string =>
  field.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8)));

/**
 * parseMountinfo reads the text of `/proc/<pid>/mountinfo` (proc(5)): one mount per line,
 * `id parent major:minor root mount-point options … - type source super-options`. Lines it
 * cannot read are skipped.
 */
export function parseMountinfo(text: string): MountEntry[] {
  const entries: MountEntry[] = [];
  for (const line of text.split('\n')) {
    const fields = line.split(' ');
    if (fields.length < 5 || !fields[2]?.includes(':')) continue;
    entries.push({
      root: unescapeField(fields[3] as string),
      mountPoint: unescapeField(fields[4] as string),
    });
  }
  return entries;
}

// Kubelet bind-mounts a subPath from `<pods>/<uid>/volume-subpaths/<volume>/<container>/<n>`;
// a mount whose root lies inside a volume directory (`<pods>/<uid>/volumes/<plugin>/<volume>/…`)
// is a part of that volume too. A whole volume's root is the volume directory itself.
const SUBPATH_ROOT = /\/volume-subpaths\/|\/volumes\/[^/]+\/[^/]+\/./;

/**
 * subPathMounts returns the mount points that bind part of a volume onto the directory or onto
 * a file directly in it — what a `subPath` volume mount looks like: kubelet bind-mounts the
 * key's file (or a subdirectory), not the volume, so what is mounted never follows the ConfigMap.
 */
export function subPathMounts(mountinfo: string, dir: string): string[] {
  const target = resolve(dir);
  return parseMountinfo(mountinfo)
    .filter(({ root, mountPoint }) => {
      if (!SUBPATH_ROOT.test(root)) return false;
      const point = resolve(mountPoint);
      if (point === target) return true;
      if (!point.startsWith(target + sep)) return false;
      return !point.slice(target.length + 1).includes(sep);
    })
    .map(({ mountPoint }) => mountPoint);
}

/** readMountinfo returns this process's mount table, or undefined where there is none (not Linux). */
export function readMountinfo(): string | undefined {
  try {
    return readFileSync('/proc/self/mountinfo', 'utf8');
  } catch {
    return undefined;
  }
}
