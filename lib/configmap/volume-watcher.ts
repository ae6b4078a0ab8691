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
