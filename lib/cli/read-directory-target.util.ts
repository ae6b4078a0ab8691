import { resolve } from 'node:path';
import { readVolume } from '../configmap/read-volume.js';
import { diffMessages } from './diff-messages.constant.js';
import type { DirectoryTarget } from './diff-target.interface.js';
import { DiffTroubleError } from './diff-trouble.error.js';

/**
 * readDirectoryTarget reads a mounted ConfigMap directory the way the engine does (one
 * consistent `..data` version in kubelet's layout, every file of a plain directory, names
 * starting with `.` skipped). Kubelet's layout caught mid-change is read as a plain directory,
 * as the engine does once the change lasts: a command reads once and cannot wait for it.
 *
 * @param dir the directory as given (named in messages), resolved against `cwd`
 * @throws DiffTroubleError when the directory is missing or unreadable as a whole
 */
export function readDirectoryTarget(dir: string, cwd: string): DirectoryTarget {
  const snapshot = readVolume(resolve(cwd, dir), { acceptBrokenLayout: true });
  if (snapshot.layout === 'missing' || snapshot.layout === 'transient') {
    throw new DiffTroubleError(diffMessages.directoryMissing(dir));
  }
  if (snapshot.problem !== undefined) {
    throw new DiffTroubleError(diffMessages.directoryProblem(snapshot.problem));
  }
  const entries = new Map<string, Uint8Array>();
  for (const [key, entry] of snapshot.entries) entries.set(key, entry.bytes);
  return {
    kind: 'directory',
    path: dir,
    layout: snapshot.layout,
    version: snapshot.version ?? null,
    entries,
    unreadable: new Map(snapshot.refused),
    warnings: snapshot.warnings,
  };
}
