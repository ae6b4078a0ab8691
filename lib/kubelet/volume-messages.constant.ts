import { MAX_KEY_LENGTH, MAX_PATH_LENGTH } from './kubelet.constants.js';

const notOurs = 'this directory was not written by kubelet or the volume writer';

/** volumeMessages holds every user-facing string of the volume writer. */
export const volumeMessages = {
  invalidPayload: (dir: string, problems: readonly string[]) =>
    `Refused to write volume ${dir} (nothing was written):\n${problems.map((p) => `  - ${p}`).join('\n')}`,
  invalidPath: (path: string, reason: string) => `path ${JSON.stringify(path)}: ${reason}`,
  fileAndDirectory: (file: string, nested: string) =>
    `path ${JSON.stringify(file)} is a file, but ${JSON.stringify(nested)} needs it to be a directory`,
  invalidMode: (path: string, mode: unknown) =>
    `path ${JSON.stringify(path)}: mode ${String(mode)} is not an integer between 0 and 0o777`,
  empty: 'must not be empty',
  absolute: 'must be a relative path (no leading "/")',
  pathTooLong: `must be at most ${MAX_PATH_LENGTH} bytes`,
  emptyComponent: 'must not contain an empty component (leading, trailing or doubled "/")',
  dotSegment: (segment: string) => `must not contain a "${segment}" component`,
  dotDotPrefix: (component: string) =>
    `${JSON.stringify(component)} must not start with ".." (kubelet reserves those names)`,
  badCharacters: (component: string) =>
    `${JSON.stringify(component)} must consist of letters, digits, "-", "_" or "." ([-._a-zA-Z0-9]+)`,
  componentTooLong: (component: string) =>
    `${JSON.stringify(component.slice(0, 20))}... must be at most ${MAX_KEY_LENGTH} bytes`,
  refused: (dir: string, reason: string) =>
    `Refused to write volume ${dir} (nothing was written): ${reason}`,
  dataNotSymlink: (path: string) => `${path} exists but is not a symlink: ${notOurs}`,
  dataLeadsOutside: (path: string, target: string) =>
    `${path} points to ${JSON.stringify(target)}; kubelet's ..data names a version directory` +
    ` (..<timestamp>) directly inside the volume: ${notOurs}`,
  dataTargetNotDirectory: (path: string, target: string, what: string) =>
    `${path} points to ${JSON.stringify(target)}, which is ${what}: ${notOurs}`,
  aSymlink: 'a symlink',
  notADirectory: 'not a directory',
} as const;
