import type { FSWatcher } from 'chokidar';
import { watchMountDirectory } from '../../lib/configmap/volume-watcher.js';
import type { WatchFactory } from '../../lib/configmap/volume-watcher.js';

/**
 * errnoError builds an error shaped like the ones `fs.watch` throws and
 * chokidar re-emits (`code`, `errno`, `syscall`, `path`), so that nothing
 * inotify-specific has to happen on the shared machine: hitting the real
 * limits (max_user_watches, max_user_instances, open files) would disturb
 * every other process of its user.
 */
export function errnoError(code: 'EMFILE' | 'ENOSPC', path: string): NodeJS.ErrnoException {
  const text =
    code === 'EMFILE' ? 'too many open files' : 'System limit for number of file watchers reached';
  return Object.assign(new Error(`${code}: ${text}, watch '${path}'`), {
    code,
    errno: code === 'EMFILE' ? -24 : -28,
    syscall: 'watch',
    path,
  });
}

/** WatchFaults is a watcher seam that can fail, and a record of what it opened. */
export interface WatchFaults {
  /** The seam to give the engine. */
  readonly watch: WatchFactory;
  /** Every watcher it opened, in order. */
  readonly opened: FSWatcher[];
}

/**
 * failingWatchers opens real chokidar watchers; while `failing()` says so,
 * each new one reports `error` before it is ready, as chokidar does when
 * `fs.watch` throws during its first scan, and from then on delivers
 * nothing. The failed watcher is left open, as chokidar leaves it: closing
 * it is the engine's job.
 */
export function failingWatchers(failing: () => 'EMFILE' | 'ENOSPC' | undefined): WatchFaults {
  const opened: FSWatcher[] = [];
  const watch: WatchFactory = (dir, polling) => {
    const code = failing();
    const watcher = deafen(watchMountDirectory(dir, polling), () => code !== undefined);
    opened.push(watcher);
    if (code) process.nextTick(() => watcher.emit('error', errnoError(code, dir)));
    return watcher;
  };
  return { watch, opened };
}

/**
 * deafWatchers opens real chokidar watchers that never deliver an event
 * once `deaf()` says so (a watcher that died silently: inotify overflow
 * with the queue dropped, a filesystem without inotify).
 */
export function deafWatchers(deaf: () => boolean): WatchFaults {
  const opened: FSWatcher[] = [];
  const watch: WatchFactory = (dir, polling) => {
    const watcher = deafen(watchMountDirectory(dir, polling), deaf);
    opened.push(watcher);
    return watcher;
  };
  return { watch, opened };
}

/** The events that tell of changes; `ready` and `error` still pass a deaf watcher. */
const CHANGE_EVENTS = new Set(['raw', 'all', 'add', 'addDir', 'change', 'unlink', 'unlinkDir']);

/** deafen drops every change event of a watcher while `deaf()`. */
function deafen(watcher: FSWatcher, deaf: () => boolean): FSWatcher {
  const emit = watcher.emit.bind(watcher) as (event: string, ...args: unknown[]) => boolean;
  watcher.emit = ((event: string, ...args: unknown[]) =>
    CHANGE_EVENTS.has(event) && deaf() ? false : emit(event, ...args)) as FSWatcher['emit'];
  return watcher;
}
