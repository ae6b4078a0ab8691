import type { Dirent, Stats } from 'node:fs';
import { lstatSync, readdirSync, readlinkSync, realpathSync, statSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { messages } from '../errors/messages.constant.js';
import { errnoOf as errno } from '../kubelet/errno.util.js';
import { DATA_DIR_NAME, MAX_CONFIGMAP_BYTES } from '../kubelet/kubelet.constants.js';
import { ByteSlab } from './byte-slab.util.js';
import { plainFingerprint, probeVolume } from './probe-volume.js';
import { kindOf, readKeyFile } from './read-key-file.util.js';
import type { Steps } from './time-slice.util.js';
import { runToEnd, TimeSlice } from './time-slice.util.js';
import type { VolumeEntry, VolumeSnapshot } from './volume-snapshot.interface.js';

/** How many times a read restarts when a newer swap deletes the version being read. */
const MAX_ATTEMPTS = 20;

/** ReadVolumeOptions changes how a directory caught mid-change is read. */
export interface ReadVolumeOptions {
  /**
   * Read a kubelet volume caught mid-change (`..data` missing while keys
   * still link into it, or only a version directory) as a plain directory —
   * each key linking into `..data` refused — instead of answering
   * `transient`: the change has lasted too long to be one.
   */
  readonly acceptBrokenLayout?: boolean;
  /**
   * Which keys are read: a regular file of another name is listed without being opened (an
   * entry `unread`, its bytes empty). The engine reads the keys its flags declare: keys no flag
   * declares were read whole and kept, which a writer of the directory could make gigabytes of.
   * @default every key
   */
  readonly wanted?: (name: string) => boolean;
}

const NOTHING = Buffer.alloc(0);

/** unread lists a regular file that is not read (see `ReadVolumeOptions.wanted`). */
const unread = (out: Collected, name: string, file: string): void => {
  out.entries.set(name, { bytes: NOTHING, file, unread: true });
};

class VersionVanished extends Error {}

const readLinkOrUndefined = (path: string): string | undefined => {
  try {
    return readlinkSync(path);
  } catch {
    return undefined;
  }
};

/** ioReason is an I/O error as `CODE: description`, without the path Node appends. */
const ioReason = (error: unknown): string => {
  const message = error instanceof Error ? error.message : String(error);
  return errno(error) ? (message.split(', ')[0] ?? message) : message;
};

interface Collected {
  entries: Map<string, VolumeEntry>;
  refused: Map<string, string>;
  /** The refused names that were not read for what they are (see `VolumeSnapshot.skipped`). */
  skipped: Set<string>;
  warnings: string[];
  /** Where the values are read into (not part of the snapshot). */
  slab: ByteSlab;
}

const collected = (): Collected => ({
  entries: new Map(),
  refused: new Map(),
  skipped: new Set(),
  warnings: [],
  slab: new ByteSlab(),
});

/** skip refuses an entry for what it is (see `VolumeSnapshot.skipped`). */
const skip = (out: Collected, name: string, message: string): void => {
  out.refused.set(name, message);
  out.skipped.add(name);
};

/**
 * readVolume reads one consistent state of a mounted ConfigMap directory.
 *
 * Kubelet layout — `..data` is a symlink: it is resolved once and every key
 * is read from that version's directory, never through the per-key symlinks
 * (which could mix two versions across a swap). If the version vanishes
 * mid-read, or `..data` moved while reading, the read starts over. A `..data`
 * that dangles, names a file or leaves the volume is a problem of the whole
 * version (nothing of it applies). Version directories `..data` does not
 * name are never read.
 *
 * Plain layout — anything else (a `..data` that is a real directory too):
 * every file, symlinks followed. Kubelet's layout caught mid-change (see
 * `kubeletTransition`) is `transient` unless `acceptBrokenLayout`.
 *
 * In both, names starting with `.` are skipped; subdirectories, FIFOs,
 * sockets and devices are skipped with a warning and never opened; a key
 * that cannot be read (permission denied, a dangling symlink, over 1 MiB, not
 * a regular file once opened) is refused on its own and keeps its value.
 *
 * The reads are synchronous on purpose: a ConfigMap holds at most 1 MiB on a
 * local, page-cached volume, where each synchronous call takes microseconds,
 * while the thread-pool round trips of `fs/promises` made a 10-key read take
 * ~2 ms instead of ~0.1 ms (`npm run bench`). Every open is non-blocking and
 * every read bounded (see {@link readKeyFile}).
 */
export function readVolume(dir: string, options: ReadVolumeOptions = {}): VolumeSnapshot {
  return runToEnd(readVolumeSteps(dir, options, TimeSlice.endless()));
}

/**
 * readVolumeSteps is {@link readVolume} as steps that pause between keys when `slice` is spent
 * (see {@link runSteps}), so that a big version does not block the application: kubelet's version
 * directory is immutable and `..data` is read again before the read counts, and a plain directory
 * read over several turns is probed again and read anew if it changed meanwhile. `knownTarget` is
 * what `readlink(..data)` just said (a probe): the read starts from it instead of asking again.
 */
export function* readVolumeSteps(
  dir: string,
  options: ReadVolumeOptions,
  slice: TimeSlice,
  knownTarget?: string,
): Steps<VolumeSnapshot> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    if (attempt === 0 && knownTarget !== undefined) {
      const read = yield* readKubeletVersion(dir, knownTarget, slice, options.wanted);
      if (read) return read;
      continue;
    }
    let data: Stats;
    try {
      data = lstatSync(join(dir, DATA_DIR_NAME));
    } catch (error) {
      if (errno(error) === 'ENOENT') {
        const plain = yield* readPlainConsistently(dir, options, slice, false);
        if (plain) return plain;
        continue;
      }
      if (errno(error) === 'ENOTDIR') return missing();
      // Not searchable (EACCES): whether it holds kubelet's layout is not known.
      const unreadable = problem(dir, 'plain', messages.unreadableDirectory(dir, ioReason(error)));
      return { ...unreadable, layoutUnknown: true };
    }
    if (!data.isSymbolicLink()) {
      const plain = yield* readPlainConsistently(dir, options, slice, true);
      if (plain) return plain;
      continue;
    }
    const target = readLinkOrUndefined(join(dir, DATA_DIR_NAME));
    if (target === undefined) continue; // replaced meanwhile
    const read = yield* readKubeletVersion(dir, target, slice, options.wanted);
    if (read) return read;
  }
  throw new Error(messages.volumeUnstable(dir, MAX_ATTEMPTS));
}

/**
 * readKubeletVersion reads the version `..data` named (`target`): undefined when `..data` moved
 * meanwhile or the version was deleted by a newer swap (read again).
 */
function* readKubeletVersion(
  dir: string,
  target: string,
  slice: TimeSlice,
  wanted: ReadVolumeOptions['wanted'],
): Steps<VolumeSnapshot | undefined> {
  try {
    const result = yield* readVersion(dir, target, slice, wanted);
    if (readLinkOrUndefined(join(dir, DATA_DIR_NAME)) !== target) return undefined;
    if (typeof result === 'string') return problem(dir, 'kubelet', result, target);
    const { entries, refused, skipped, warnings } = result;
    return {
      layout: 'kubelet',
      version: target,
      identity: `kubelet:${target}`,
      entries,
      refused,
      skipped,
      warnings,
    };
  } catch (error) {
    if (!(error instanceof VersionVanished)) throw error;
    // Gone because a newer swap deleted it: read again. Gone while `..data`
    // still points at it: `..data` dangles, and reading again will not help.
    if (readLinkOrUndefined(join(dir, DATA_DIR_NAME)) === target) {
      return problem(dir, 'kubelet', messages.danglingData(dir, target), target);
    }
    return undefined;
  }
}

const missing = (): VolumeSnapshot => ({
  layout: 'missing',
  version: undefined,
  identity: 'missing',
  entries: new Map(),
  refused: new Map(),
  warnings: [],
});

/** problem is a state of which nothing applies: the version (or directory) as a whole is unreadable. */
const problem = (
  dir: string,
  layout: 'kubelet' | 'plain',
  message: string,
  version?: string,
): VolumeSnapshot => ({
  layout,
  version,
  identity: version !== undefined ? `kubelet:${version}` : probeVolume(dir),
  entries: new Map(),
  refused: new Map(),
  warnings: [],
  problem: message,
});

/** inside tells whether a real path is the volume or below it. */
const inside = (real: string, volumeRoot: string): boolean =>
  real === volumeRoot || real.startsWith(volumeRoot + sep);

/**
 * readVersion reads the version directory `..data` names; a string is a problem of the whole version.
 *
 * kubelet's `..data` names a real directory of the volume (`..<timestamp>`): an `lstat` shows
 * that, and no `realpath` is needed to know it is inside. Anything else (a path, a symlink, a
 * file) takes the general way, which resolves it and refuses one leading out of the volume.
 * Entries the listing says are regular files are opened at once (`O_NOFOLLOW`, then `fstat`:
 * what an `lstat` first would tell, in one call less); the others are looked at first.
 */
function* readVersion(
  dir: string,
  target: string,
  slice: TimeSlice,
  wanted: ReadVolumeOptions['wanted'],
): Steps<Collected | string> {
  let realRoot: string | undefined;
  const volumeRoot = (): string => (realRoot ??= realpathSync(dir));
  let versionDir: string | undefined;
  if (!target.includes('/') && target !== '.' && target !== '..') {
    try {
      if (lstatSync(join(dir, target)).isDirectory()) versionDir = join(dir, target);
    } catch (error) {
      if (errno(error) === 'ENOENT' || errno(error) === 'ENOTDIR') throw new VersionVanished();
      return messages.unreadableVersion(dir, target, ioReason(error));
    }
  }
  if (versionDir === undefined) {
    const resolved = resolveVersionDir(dir, target, volumeRoot());
    if (resolved.problem !== undefined) return resolved.problem;
    versionDir = resolved.path;
  }
  let entries: Dirent[];
  try {
    entries = readdirSync(versionDir, { withFileTypes: true });
  } catch (error) {
    if (errno(error) === 'ENOENT' || errno(error) === 'ENOTDIR') throw new VersionVanished();
    return messages.unreadableVersion(dir, target, ioReason(error));
  }
  const out = collected();
  // A listed name is one path component: joined by hand (`join` normalizes each path anew).
  const fileDir = join(dir, sep);
  const entryDir = join(versionDir, sep);
  for (const entry of entries.sort(byName)) {
    const name = entry.name;
    if (name.startsWith('.')) continue;
    if (slice.spent()) yield;
    const file = fileDir + name;
    const path = entryDir + name;
    if (entry.isFile() && wanted && !wanted(name)) unread(out, name, file);
    else if (entry.isFile()) readRegularEntry(out, name, file, path, versionDir);
    else readVersionEntry(out, name, file, path, versionDir, volumeRoot, wanted);
  }
  return out;
}

const byName = (a: Dirent, b: Dirent): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** resolveVersionDir resolves a `..data` target of another shape than kubelet's, and checks it. */
function resolveVersionDir(
  dir: string,
  target: string,
  volumeRoot: string,
): { path: string; problem?: undefined } | { problem: string } {
  let versionDir: string;
  try {
    versionDir = realpathSync(resolve(dir, target));
  } catch (error) {
    if (errno(error) === 'ENOENT' || errno(error) === 'ENOTDIR') throw new VersionVanished();
    return { problem: messages.unreadableVersion(dir, target, ioReason(error)) };
  }
  // kubelet's `..data` names a directory of the volume; one leading elsewhere is not read.
  if (!inside(versionDir, volumeRoot)) return { problem: messages.dataLeavesVolume(dir, target) };
  let info: Stats;
  try {
    info = statSync(versionDir);
  } catch (error) {
    if (errno(error) === 'ENOENT') throw new VersionVanished();
    return { problem: messages.unreadableVersion(dir, target, ioReason(error)) };
  }
  if (!info.isDirectory()) return { problem: messages.dataNotDirectory(dir, target, kindOf(info)) };
  return { path: versionDir };
}

/** readRegularEntry reads an entry the listing says is a regular file (see {@link readInto}). */
function readRegularEntry(
  out: Collected,
  name: string,
  file: string,
  path: string,
  versionDir: string,
): void {
  try {
    readInto(out, name, file, path, true, true);
  } catch (error) {
    if (errno(error) !== 'ENOENT') throw error;
    if (!isDirectory(versionDir)) throw new VersionVanished();
  }
}

function readVersionEntry(
  out: Collected,
  name: string,
  file: string,
  path: string,
  versionDir: string,
  volumeRoot: () => string,
  wanted: ReadVolumeOptions['wanted'],
): void {
  // An ENOENT while the version directory still exists is this key's problem;
  // once the directory is gone, a newer swap deleted it and the read restarts.
  const vanishedOr = (refusal: () => void): void => {
    if (!isDirectory(versionDir)) throw new VersionVanished();
    refusal();
  };
  let info: Stats;
  try {
    info = lstatSync(path);
  } catch (error) {
    if (errno(error) === 'ENOENT') return vanishedOr(() => undefined);
    out.refused.set(name, messages.unreadableKey(file, ioReason(error)));
    return;
  }
  let real = path;
  if (info.isSymbolicLink()) {
    try {
      real = realpathSync(path);
    } catch (error) {
      if (errno(error) !== 'ENOENT') {
        out.refused.set(name, messages.unreadableKey(file, ioReason(error)));
        return;
      }
      return vanishedOr(() =>
        skip(out, name, messages.danglingKeyLink(file, readLinkOrUndefined(path) ?? '?')),
      );
    }
    if (!inside(real, volumeRoot())) {
      skip(out, name, messages.leavesVolume(file));
      return;
    }
    try {
      info = statSync(real);
    } catch (error) {
      if (errno(error) === 'ENOENT') return vanishedOr(() => undefined);
      out.refused.set(name, messages.unreadableKey(file, ioReason(error)));
      return;
    }
  }
  try {
    // A link to a regular file, under a name no flag declares: listed, not read.
    if (info.isFile() && wanted && !wanted(name)) unread(out, name, file);
    else collect(out, name, file, real, info, true);
  } catch (error) {
    if (errno(error) === 'ENOENT') vanishedOr(() => undefined);
    else throw error;
  }
}

const isDirectory = (path: string): boolean => {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
};

/**
 * collect reads one regular file into the snapshot; anything else is skipped
 * with a warning, and a file that cannot be read is refused. ENOENT is left
 * to the caller (a version deleted meanwhile, or a file deleted meanwhile).
 */
function collect(
  out: Collected,
  name: string,
  file: string,
  path: string,
  info: Stats,
  noFollow: boolean,
): void {
  if (!info.isFile()) {
    skip(out, name, messages.skippedEntry(file, kindOf(info)));
    return;
  }
  if (info.size > MAX_CONFIGMAP_BYTES) {
    out.refused.set(name, messages.valueOverLimit(file, MAX_CONFIGMAP_BYTES));
    return;
  }
  readInto(out, name, file, path, noFollow);
}

/**
 * readInto opens and reads one value into the snapshot; a file that is not regular once opened,
 * or too large, or cannot be read is refused. ENOENT is left to the caller.
 */
function readInto(
  out: Collected,
  name: string,
  file: string,
  path: string,
  noFollow: boolean,
  listedRegular = false,
): void {
  try {
    const read = readKeyFile(path, MAX_CONFIGMAP_BYTES, noFollow, out.slab, listedRegular);
    if ('bytes' in read) out.entries.set(name, { bytes: read.bytes, file });
    else if ('refused' in read) skip(out, name, messages.notRegularAtOpen(file, read.refused));
    // Never its size: which key it is may be a secret's, and a length tells about a secret.
    else out.refused.set(name, messages.valueOverLimit(file, MAX_CONFIGMAP_BYTES));
  } catch (error) {
    if (errno(error) === 'ENOENT') throw error;
    out.refused.set(name, messages.unreadableKey(file, ioReason(error)));
  }
}

/** readPlain reads a plain directory; `dataIsReal`: `..data` exists, and is not a symlink. */
/**
 * readPlainConsistently reads a plain directory; read over several turns, it is probed again
 * afterwards and answers undefined (read it again) when it changed meanwhile.
 */
function* readPlainConsistently(
  dir: string,
  options: ReadVolumeOptions,
  slice: TimeSlice,
  dataIsReal: boolean,
): Steps<VolumeSnapshot | undefined> {
  const pauses = slice.pauses;
  const snapshot = yield* readPlain(dir, options, slice, dataIsReal);
  if (slice.pauses === pauses || snapshot.layout !== 'plain') return snapshot;
  return probeVolume(dir) === snapshot.identity ? snapshot : undefined;
}

function* readPlain(
  dir: string,
  options: ReadVolumeOptions,
  slice: TimeSlice,
  dataIsReal: boolean,
): Steps<VolumeSnapshot> {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (error) {
    if (errno(error) === 'ENOENT' || errno(error) === 'ENOTDIR') return missing();
    return problem(dir, 'plain', messages.unreadableDirectory(dir, ioReason(error)));
  }
  // Taken before reading, so that a change made while reading is seen by the next probe.
  const { identity, transition } = plainFingerprint(dir, names, dataIsReal);
  if (transition && !options.acceptBrokenLayout) {
    return { ...missing(), layout: 'transient', identity: 'transient' };
  }
  const out = collected();
  const layoutProblem =
    transition === 'links'
      ? messages.layoutBroken(dir)
      : transition === 'first-write'
        ? messages.orphanVersions(dir)
        : undefined;
  if (layoutProblem) out.warnings.push(layoutProblem);
  if (dataIsReal) out.warnings.push(messages.dataIsDirectory(dir));
  for (const name of names.sort()) {
    if (name.startsWith('.')) continue;
    if (slice.spent()) yield;
    const file = join(dir, name);
    let info: Stats;
    try {
      info = statSync(file);
    } catch (error) {
      const link = readLinkOrUndefined(file);
      if (errno(error) !== 'ENOENT')
        out.refused.set(name, messages.unreadableKey(file, ioReason(error)));
      // A dangling symlink (a file deleted meanwhile is simply gone).
      else if (link !== undefined) skip(out, name, messages.danglingKeyLink(file, link));
      continue;
    }
    if (info.isFile() && options.wanted && !options.wanted(name)) {
      unread(out, name, file);
      continue;
    }
    try {
      collect(out, name, file, file, info, false);
    } catch (error) {
      if (errno(error) !== 'ENOENT') throw error;
    }
  }
  const { entries, refused, skipped, warnings } = out;
  return {
    layout: 'plain',
    version: undefined,
    identity,
    entries,
    refused,
    skipped,
    warnings,
    layoutProblem,
  };
}
