import { FSWatcher } from 'chokidar';
import type { ChokidarOptions } from 'chokidar';

/** WatchFactory creates the watcher of a mount directory (a seam: tests wrap the real chokidar). */
export type WatchFactory = (dir: string, usePolling: boolean) => FSWatcher;

/**
 * watchMountDirectory watches the mount directory itself, non-recursively,
 * without following symlinks. Every event is only a hint, so no name is
 * ignored: `..data` is the one reliable signal and dotfile filters hide it.
 * `persistent: false` gives this watcher its own `fs.watch` handles (shared
 * ones lose updates when two watchers in a process watch one path) and never
 * keeps the process alive.
 *
 * With events (not polling), the directory's own `fs.watch` reports every
 * name of it (inotify reports a child's writes on its directory too), and
 * every report is passed on as a hint (`raw`): chokidar is not made to track
 * the entries. Left to itself, it lists the directory again on every event and
 * classifies every entry (for a kubelet per-key symlink: `lstat`, `realpath`,
 * `lstat` of the target, and its own `realpath`), which cost several times the
 * CPU of reading the new version, for names the engine never uses. So the
 * entries are `ignored`, and its re-listing of the directory is switched off
 * (see {@link withoutRelisting}). Polling keeps chokidar's tracking: there, a
 * plain file edited in place is seen only through its own `fs.watchFile`.
 */
export const watchMountDirectory: WatchFactory = (dir, usePolling) => {
  const options: ChokidarOptions = {
    depth: 0,
    followSymlinks: false,
    ignoreInitial: true,
    persistent: false,
    usePolling,
    interval: 250,
    atomic: false,
    // With events, every entry is ignored: a permission error is the directory's own watch
    // failing (EACCES), and a watcher hiding it would hear nothing while its status said events.
    ignorePermissionErrors: usePolling,
  };
  if (usePolling) return new FSWatcher(options).add(dir);
  const watcher = new FSWatcher({ ...options, ignored: (path: string) => path !== dir });
  withoutRelisting(watcher);
  return watcher.add(dir);
};

interface DirectoryLister {
  _readdirp?: (root: string, options: unknown) => unknown;
  _nodeFsHandler?: { _handleRead?: (...args: unknown[]) => unknown };
}

/**
 * withoutRelisting makes chokidar 5 skip its listing of a watched directory
 * (`_handleRead` does nothing when `_readdirp` gives no stream, as it does once
 * the watcher is closed); the directory's `fs.watch` and its `raw` events stay.
 * Its `_handleRead` itself, which chokidar calls on every event before it emits `raw` (a
 * throttle entry, a 1 s timer and a set, to end at that missing stream), is made to end at once.
 * A chokidar without these methods is left as it is: every entry is `ignored`
 * anyway, which spares its own `realpath` and per-file watchers, not the
 * listing (`test/unit/configmap/volume-watcher-calls.spec.ts` counts the calls).
 */
function withoutRelisting(watcher: FSWatcher): void {
  const lister = watcher as unknown as DirectoryLister;
  if (typeof lister._readdirp !== 'function') return;
  lister._readdirp = () => undefined;
  const handler = lister._nodeFsHandler;
  if (typeof handler?._handleRead === 'function') handler._handleRead = () => undefined;
}

interface ThrottledTimers {
  _throttled?: Map<string, Map<string, { clear(): unknown }>>;
}

/**
 * closeMountWatcher closes a watcher and everything it holds. chokidar 5's
 * `close()` empties its throttle table without clearing the timers in it: a
 * ref'ed `readdir` throttle timer (1 s) would outlive `stop()` and keep the
 * process alive. Clearing them first is harmless on versions that do it
 * themselves.
 */
export async function closeMountWatcher(watcher: FSWatcher): Promise<void> {
  for (const byPath of (watcher as unknown as ThrottledTimers)._throttled?.values() ?? []) {
    for (const throttle of [...byPath.values()]) throttle.clear();
  }
  await watcher.close();
}
