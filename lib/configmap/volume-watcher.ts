import { watch } from 'chokidar';
import type { FSWatcher } from 'chokidar';

/** WatchFactory creates the watcher of a mount directory (a seam: tests wrap the real chokidar). */
export type WatchFactory = (dir: string, usePolling: boolean) => FSWatcher;

/**
 * watchMountDirectory watches the mount directory itself, non-recursively,
 * without following symlinks. Every event is only a hint, so no name is
 * ignored: `..data` is the one reliable signal and dotfile filters hide it.
 * `persistent: false` gives this watcher its own `fs.watch` handles (shared
 * ones lose updates when two watchers in a process watch one path) and never
 * keeps the process alive.
 */
export const watchMountDirectory: WatchFactory = (dir, usePolling) =>
  watch(dir, {
    depth: 0,
    followSymlinks: false,
    ignoreInitial: true,
    persistent: false,
    usePolling,
    interval: 250,
    atomic: false,
    ignorePermissionErrors: true,
  });

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
