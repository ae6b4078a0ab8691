import {
  chmod,
  mkdir,
  readdir,
  readFile,
  readlink,
  rename,
  rm,
  rmdir,
  symlink,
  unlink,
  writeFile,
} from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { readCurrentVersion } from './current-version.util.js';
import { hasErrno } from './errno.util.js';
import { touchVolumeForFsGroup } from './fs-group-walk.util.js';
import { keyPathProblems } from './key-path.util.js';
import { timestampedDirName } from './timestamped-dir-name.util.js';
import type { VolumePayload } from './volume-payload.interface.js';
import type { VolumeWriteOptions } from './volume-write-options.interface.js';
import type { VolumeWriteResult } from './volume-write-result.interface.js';
import { volumeMessages } from './volume-messages.constant.js';
import {
  DATA_DIR_NAME,
  DATA_TMP_NAME,
  DEFAULT_FILE_MODE,
  TIMESTAMPED_DIR_MODE,
} from './kubelet.constants.js';

interface ProjectedFile {
  data: Buffer;
  mode: number;
}

type CleanPayload = ReadonlyMap<string, ProjectedFile>;

const byteOrder = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function cleanPayload(dir: string, payload: VolumePayload): CleanPayload {
  const problems: string[] = [];
  const files = new Map<string, ProjectedFile>();
  const paths = Object.keys(payload).sort(byteOrder);
  for (const path of paths) {
    const value = payload[path];
    for (const reason of keyPathProblems(path)) {
      problems.push(volumeMessages.invalidPath(path, reason));
    }
    if (value === undefined) continue;
    const file = typeof value === 'string' || value instanceof Uint8Array ? { data: value } : value;
    const mode = file.mode ?? DEFAULT_FILE_MODE;
    if (!Number.isInteger(mode) || mode < 0 || mode > 0o777) {
      problems.push(volumeMessages.invalidMode(path, file.mode));
    }
    const data =
      typeof file.data === 'string' ? Buffer.from(file.data, 'utf8') : Buffer.from(file.data);
    files.set(path, { data, mode });
  }
  for (const path of paths) {
    const components = path.split('/');
    for (let i = 1; i < components.length; i++) {
      const parent = components.slice(0, i).join('/');
      if (files.has(parent)) problems.push(volumeMessages.fileAndDirectory(parent, path));
    }
  }
  if (problems.length > 0) throw new Error(volumeMessages.invalidPayload(dir, problems));
  return files;
}

/** Every path inside a version directory, relative, `/`-separated; none when it is gone. */
async function listVersion(versionDir: string, prefix = ''): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(join(versionDir, prefix), { withFileTypes: true });
  } catch (error) {
    if (hasErrno(error, 'ENOENT') || hasErrno(error, 'ENOTDIR')) return [];
    throw error;
  }
  const paths: string[] = [];
  for (const entry of entries) {
    const path = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    paths.push(path);
    if (entry.isDirectory()) paths.push(...(await listVersion(versionDir, path)));
  }
  return paths;
}

async function pathsToRemove(files: CleanPayload, versionDir: string): Promise<Set<string>> {
  const kept = new Set<string>();
  for (const path of files.keys()) {
    const components = path.split('/');
    for (let i = 1; i <= components.length; i++) kept.add(components.slice(0, i).join('/'));
  }
  return new Set((await listVersion(versionDir)).filter((path) => !kept.has(path)));
}

async function contentDiffers(files: CleanPayload, versionDir: string): Promise<boolean> {
  for (const [path, file] of files) {
    let onDisk: Buffer;
    try {
      onDisk = await readFile(join(versionDir, path));
    } catch (error) {
      if (['ENOENT', 'EISDIR', 'ENOTDIR'].some((code) => hasErrno(error, code))) return true;
      throw error;
    }
    if (!onDisk.equals(file.data)) return true;
  }
  return false;
}

async function createTimestampedDir(dir: string): Promise<string> {
  for (;;) {
    const name = timestampedDirName();
    try {
      // Like Go's os.MkdirTemp: 0700 first, then chmod so the umask cannot narrow it.
      await mkdir(join(dir, name), { mode: 0o700 });
    } catch (error) {
      if (hasErrno(error, 'EEXIST')) continue;
      throw error;
    }
    await chmod(join(dir, name), TIMESTAMPED_DIR_MODE);
    return name;
  }
}

async function writePayloadToDir(files: CleanPayload, versionDir: string): Promise<void> {
  for (const [path, file] of files) {
    const fullPath = join(versionDir, path);
    await mkdir(dirname(fullPath), { recursive: true, mode: 0o777 });
    await writeFile(fullPath, file.data, { mode: file.mode });
    await chmod(fullPath, file.mode);
  }
}

async function createUserVisibleLinks(dir: string, files: CleanPayload): Promise<string[]> {
  const names = [...new Set([...files.keys()].map((path) => path.split('/')[0] ?? path))];
  const created: string[] = [];
  for (const name of names.sort(byteOrder)) {
    try {
      await readlink(join(dir, name));
    } catch (error) {
      // Like kubelet, only a missing name is (re)created; anything else standing there is left.
      if (!hasErrno(error, 'ENOENT')) continue;
      await symlink(`${DATA_DIR_NAME}/${name}`, join(dir, name));
      created.push(name);
    }
  }
  return created;
}

async function removeUserVisibleLinks(dir: string, paths: ReadonlySet<string>): Promise<string[]> {
  const removed: string[] = [];
  for (const path of [...paths].sort(byteOrder)) {
    // Nested paths disappear with the old version; only top-level names have a symlink.
    if (path.includes('/')) continue;
    // Only the writer's own symlink goes: a file or a link the user put there in its place stays.
    let target: string;
    try {
      target = await readlink(join(dir, path));
    } catch (error) {
      if (hasErrno(error, 'ENOENT') || hasErrno(error, 'EINVAL')) continue;
      throw error;
    }
    if (target !== `${DATA_DIR_NAME}/${path}`) continue;
    try {
      await unlink(join(dir, path));
      removed.push(path);
    } catch (error) {
      if (!hasErrno(error, 'ENOENT')) throw error;
    }
  }
  return removed;
}

/**
 * Creates `dir` if missing and returns what undoes it: removing, from `dir` up, the directories
 * this call created, each only while it is empty.
 */
async function makeVolumeDir(dir: string): Promise<() => Promise<void>> {
  const first = await mkdir(dir, { recursive: true });
  return async () => {
    if (first === undefined) return;
    for (let path = resolve(dir); ; path = dirname(path)) {
      try {
        await rmdir(path);
      } catch {
        return; // not empty any more, or gone: leave it and its parents
      }
      if (path === resolve(first) || path === dirname(path)) return;
    }
  };
}

/** Runs `undo` steps after a failed write, then rethrows: a failing step does not hide `error`. */
async function undoThenThrow(error: unknown, ...undo: (() => Promise<unknown>)[]): Promise<never> {
  for (const step of undo) await step().catch(() => undefined);
  throw error;
}

/**
 * writeConfigMapVolume writes `payload` into `dir` exactly as kubelet's AtomicWriter updates a
 * mounted ConfigMap (or Secret, projected, downward API) volume, so that watchers can be tested
 * against the real sequence of filesystem events:
 *
 * 1. validate every path (refusing with one error listing every problem, before touching the disk)
 *    and `readlink(..data)`, refusing a `..data` that is not a symlink to a version directory
 *    directly inside `dir` (one `..` name, a real directory or gone), since everything the writer
 *    later compares and deletes is found through it;
 * 2. compare every value with the bytes of the current version: if none differs and no path was
 *    removed, only re-create missing per-key symlinks and stop (no event for a directory watcher);
 * 3. `mkdir` a new `..YYYY_MM_DD_hh_mm_ss.<random>` directory (0700, then `chmod 0755`);
 * 4. write every file into it and `chmod` it to its mode (intermediate directories for nested
 *    paths);
 * 5. with `fsGroup`, touch every entry of the volume;
 * 6. `symlink(<new dir>, ..data_tmp)`, then 7. `rename(..data_tmp, ..data)`: the atomic switch;
 * 8. create the per-key symlinks `<name> -> ..data/<name>` of new top-level names;
 * 9. unlink the per-key symlinks of removed names (only `<name> -> ..data/<name>`: a file or
 *    another link put in its place is left alone);
 * 10. remove the old version directory recursively.
 *
 * Like kubelet, a change of mode alone is not a change. A missing `dir` is created. Calls on one
 * directory must not overlap (kubelet serialises them too). Unlike kubelet, a write failing
 * before the swap (steps 3–7) removes its new version directory, and the directories it created
 * for `dir` while they are empty, then rethrows: the volume is left as it was. Kubelet leaves that
 * version behind, an orphan; `failBeforeSwap` reproduces it.
 *
 * @param dir the volume directory (the mount point)
 * @param payload the files to project, by path
 * @param options optional parts of the write
 * @returns what the write did
 */
export async function writeConfigMapVolume(
  dir: string,
  payload: VolumePayload,
  options: VolumeWriteOptions = {},
): Promise<VolumeWriteResult> {
  const files = cleanPayload(dir, payload);
  const removeCreatedDirs = await makeVolumeDir(dir);
  let previous: string | undefined;
  try {
    previous = await readCurrentVersion(dir);
  } catch (error) {
    return undoThenThrow(error, removeCreatedDirs);
  }
  const previousDir = previous === undefined ? undefined : join(dir, previous);

  let removedPaths = new Set<string>();
  let shouldWrite = true;
  if (previousDir !== undefined) {
    removedPaths = await pathsToRemove(files, previousDir);
    shouldWrite =
      options.forceSwap === true ||
      removedPaths.size > 0 ||
      (await contentDiffers(files, previousDir));
  }
  if (!shouldWrite) {
    const created = await createUserVisibleLinks(dir, files);
    return { changed: false, version: previous, previous, orphan: undefined, created, removed: [] };
  }

  let version: string;
  try {
    version = await createTimestampedDir(dir);
  } catch (error) {
    return undoThenThrow(error, removeCreatedDirs);
  }
  const versionDir = join(dir, version);
  const tmpPath = join(dir, DATA_TMP_NAME);
  // Before the swap, a failure leaves the volume as it was: the new version is removed (kubelet
  // leaves it behind, an orphan; `failBeforeSwap` reproduces that), and so is a volume directory
  // this write created.
  const discard = (error: unknown, ...first: (() => Promise<unknown>)[]): Promise<never> =>
    undoThenThrow(
      error,
      ...first,
      () => rm(versionDir, { recursive: true, force: true }),
      removeCreatedDirs,
    );
  try {
    await writePayloadToDir(files, versionDir);
    if (options.fsGroup === true) await touchVolumeForFsGroup(dir, options.fsGroupDelayMs ?? 0);
  } catch (error) {
    return discard(error);
  }
  if (options.failBeforeSwap === true) {
    return {
      changed: false,
      version: previous,
      previous,
      orphan: version,
      created: [],
      removed: [],
    };
  }

  try {
    await symlink(version, tmpPath);
  } catch (error) {
    return discard(error);
  }
  try {
    options.onSwap?.();
    await rename(tmpPath, join(dir, DATA_DIR_NAME));
  } catch (error) {
    return discard(error, () => rm(tmpPath, { force: true }));
  }

  const created = await createUserVisibleLinks(dir, files);
  const removed = await removeUserVisibleLinks(dir, removedPaths);
  if (previousDir !== undefined) await rm(previousDir, { recursive: true, force: true });
  return { changed: true, version, previous, orphan: undefined, created, removed };
}
