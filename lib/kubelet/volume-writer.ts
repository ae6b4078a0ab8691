import {
  chmod,
  mkdir,
  readdir,
  readFile,
  readlink,
  rename,
  rm,
  symlink,
  unlink,
  writeFile,
} from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
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

async function readDataLink(dir: string): Promise<string | undefined> {
  const dataPath = join(dir, DATA_DIR_NAME);
  try {
    return await readlink(dataPath);
  } catch (error) {
    if (hasErrno(error, 'ENOENT')) return undefined;
    if (hasErrno(error, 'EINVAL'))
      throw new Error(volumeMessages.dataNotSymlink(dataPath), { cause: error });
    throw error;
  }
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
 * writeConfigMapVolume writes `payload` into `dir` exactly as kubelet's AtomicWriter updates a
 * mounted ConfigMap (or Secret, projected, downward API) volume, so that watchers can be tested
 * against the real sequence of filesystem events:
 *
 * 1. validate every path (refusing with one error listing every problem, before touching the disk)
 *    and `readlink(..data)`;
 * 2. compare every value with the bytes of the current version: if none differs and no path was
 *    removed, only re-create missing per-key symlinks and stop (no event for a directory watcher);
 * 3. `mkdir` a new `..YYYY_MM_DD_hh_mm_ss.<random>` directory (0700, then `chmod 0755`);
 * 4. write every file into it and `chmod` it to its mode (intermediate directories for nested
 *    paths);
 * 5. with `fsGroup`, touch every entry of the volume;
 * 6. `symlink(<new dir>, ..data_tmp)`, then 7. `rename(..data_tmp, ..data)`: the atomic switch;
 * 8. create the per-key symlinks `<name> -> ..data/<name>` of new top-level names;
 * 9. unlink the per-key symlinks of removed names;
 * 10. remove the old version directory recursively.
 *
 * Like kubelet, a change of mode alone is not a change. A missing `dir` is created. Calls on one
 * directory must not overlap (kubelet serialises them too).
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
  await mkdir(dir, { recursive: true });
  const previous = await readDataLink(dir);
  const previousDir = previous === undefined ? undefined : resolve(dir, previous);

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

  const version = await createTimestampedDir(dir);
  await writePayloadToDir(files, join(dir, version));
  if (options.fsGroup === true) await touchVolumeForFsGroup(dir, options.fsGroupDelayMs ?? 0);
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

  const tmpPath = join(dir, DATA_TMP_NAME);
  try {
    await symlink(version, tmpPath);
  } catch (error) {
    await rm(join(dir, version), { recursive: true, force: true });
    throw error;
  }
  try {
    options.onSwap?.();
    await rename(tmpPath, join(dir, DATA_DIR_NAME));
  } catch (error) {
    await rm(tmpPath, { force: true });
    await rm(join(dir, version), { recursive: true, force: true });
    throw error;
  }

  const created = await createUserVisibleLinks(dir, files);
  const removed = await removeUserVisibleLinks(dir, removedPaths);
  // Never follow a hand-made ..data out of the volume when deleting.
  if (previousDir !== undefined && dirname(previousDir) === resolve(dir)) {
    await rm(previousDir, { recursive: true, force: true });
  }
  return { changed: true, version, previous, orphan: undefined, created, removed };
}
