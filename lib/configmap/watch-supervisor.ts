import { readlinkSync, watch } from 'node:fs';
import type { FSWatcher as EntryWatcher } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import type { FSWatcher } from 'chokidar';
import { errorMessage } from '../errors/error-message.util.js';
import { messages } from '../errors/messages.constant.js';
import { directoryId, directoryIdentity } from './directory-identity.util.js';
import type { WatchFactory } from './volume-watcher.js';
import { closeMountWatcher } from './volume-watcher.js';

/** WatchSupervisorOptions wires a {@link WatchSupervisor} to its engine. */
export interface WatchSupervisorOptions {
  /** The mount path (it may itself be a symlink to the directory watched). */
  readonly path: string;
  readonly usePolling: boolean;
  readonly factory: WatchFactory;
  /** Every raw or parsed event: a hint that something may have changed; `name`, the entry a raw event names. */
  readonly onEvent: (name?: string) => void;
  /** The watcher failed: the engine falls back to periodic checks. */
  readonly onFailure: (reason: string) => void;
  /** How long a failed watcher is left alone before it is reopened, in milliseconds. */
  readonly reopenDelay: number;
  /**
   * How long chokidar may take to be ready, in milliseconds; past it the watcher counts as
   * failed (periodic checks), so that no check or `reload()` waits on it for ever.
   */
  readonly readyTimeout: number;
}

/**
 * WatchSupervisor owns the chokidar watcher of the mount directory: it opens
 * it on the directory the mount path leads to, notices when that directory is
 * no longer the mount (deleted and re-created, the mount symlink re-pointed)
 * or the watcher failed, and reopens it — a failed one at most once per
 * `reopenDelay`, not in a loop. Events are passed on as hints only.
 */
export class WatchSupervisor {
  private watcher: FSWatcher | undefined;
  /**
   * A watch of the directory holding the mount path, for events naming it: kept while the mount
   * path is a symlink (re-pointing the link changes nothing in the directory watched) and while
   * the mount directory is missing (its return changes nothing anyone else watches), so that
   * neither waits for a periodic check.
   */
  private readonly parentWatchers = new Map<string, EntryWatcher>();
  private failed = false;
  /** The watched directory itself was deleted or moved: watch the mount path anew. */
  private stale = false;
  /** The identity (device and inode) of the directory watched. */
  private watched: string | undefined;
  /** A failed watcher is not reopened before this time. */
  private reopenAfter = 0;
  private closed = false;
  /** The watcher's last error, kept after a reopen for the status. */
  lastError: string | undefined;
  /** Resolvers of waits that must end when the supervisor closes. */
  private readonly waits = new Set<() => void>();

  /** The mount path, absolute. */
  private readonly mount: string;

  constructor(private readonly options: WatchSupervisorOptions) {
    this.mount = resolve(options.path);
  }

  /** healthy tells whether a watcher is open and has not failed. */
  get healthy(): boolean {
    return this.watcher !== undefined && !this.failed && !this.stale;
  }

  /**
   * open watches the directory the mount path leads to (chokidar would watch
   * a symlinked mount path as a link) and remembers its identity. Resolves
   * once chokidar is ready, or failed, or the supervisor closes meanwhile.
   */
  async open(): Promise<void> {
    if (this.closed) return;
    const target = directoryIdentity(this.options.path);
    if (!target) return; // gone meanwhile: the periodic check will see it return
    const watcher = this.options.factory(target.path, this.options.usePolling);
    this.watcher = watcher;
    this.watched = target.id;
    this.failed = false;
    this.stale = false;
    const self = basename(target.path);
    watcher.on('raw', (_event, name) => {
      // An event naming the watched directory itself: it was deleted or moved
      // (a new one may already stand there, even with the same inode number).
      if (name === self) this.stale = true;
      this.options.onEvent(typeof name === 'string' ? name : undefined);
    });
    watcher.on('all', () => this.options.onEvent());
    watcher.on('error', (error) => this.fail(error));
    if (target.path !== this.mount) this.watchParent();
    else this.closeParent();
    const { readyTimeout } = this.options;
    await new Promise<void>((resolveWait) => {
      const done = (): void => {
        clearTimeout(timer);
        this.waits.delete(done);
        resolveWait();
      };
      const timer = setTimeout(() => {
        if (this.watcher === watcher) this.fail(new Error(messages.watcherNotReady(readyTimeout)));
        done();
      }, readyTimeout);
      timer.unref();
      watcher.once('ready', done);
      watcher.once('error', done);
      this.waits.add(done);
    });
  }

  /**
   * watchForReturn watches, while the mount directory is missing, the directory holding it for
   * the mount path's return — and, when the mount path is a symlink whose target is gone, the
   * directory that held the target — : a hint, and `ensure()` then watches the directory that came
   * back. Where such a directory cannot be watched (gone too, no permission), the periodic check
   * sees the return.
   */
  watchForReturn(): void {
    if (this.closed) return;
    this.watchParent();
    const target = danglingTarget(this.mount);
    if (target !== undefined) this.watchEntry(dirname(target), basename(target));
  }

  /** awaitingReturn tells that no watcher is open and the mount path's return is watched for. */
  get awaitingReturn(): boolean {
    return this.watcher === undefined && this.parentWatchers.size > 0;
  }

  /** watchParent watches the directory holding the mount path for events naming it (see {@link watchEntry}). */
  private watchParent(): void {
    this.watchEntry(dirname(this.mount), basename(this.mount));
  }

  /**
   * watchEntry watches `dir` for events naming `name`: a hint, and the watched directory counts
   * as stale so that the next check watches where the mount path now leads.
   */
  private watchEntry(dir: string, name: string): void {
    const key = `${dir}\0${name}`;
    if (this.parentWatchers.has(key)) return;
    try {
      const parentWatcher = watch(dir, { persistent: false }, (_event, entry) => {
        if (entry !== name) return;
        this.stale = true;
        // A symlinked mount re-pointed while missing: watch where it leads now, too.
        if (this.watcher === undefined) this.watchForReturn();
        this.options.onEvent();
      });
      parentWatcher.on('error', () => {
        if (this.parentWatchers.get(key) !== parentWatcher) return;
        parentWatcher.close();
        this.parentWatchers.delete(key);
      });
      this.parentWatchers.set(key, parentWatcher);
    } catch {
      // Not watchable (no inotify there, no permission, gone): the periodic check covers it.
    }
  }

  private closeParent(): void {
    for (const parentWatcher of this.parentWatchers.values()) parentWatcher.close();
    this.parentWatchers.clear();
  }

  /**
   * ensure reopens the watcher when it failed or watches a directory that is
   * no longer the mount: inotify keeps watching the old inode, which never
   * reports again.
   */
  async ensure(): Promise<void> {
    if (this.closed) return;
    const current = directoryId(this.options.path);
    if (current === undefined) return;
    if (!this.broken && current === this.watched) return;
    if (this.failed && current === this.watched && Date.now() < this.reopenAfter) return;
    await this.release();
    await this.open();
  }

  /**
   * broken tells, without a system call, that the watcher is missing, failed or watches a
   * directory that was deleted or moved: {@link ensure} must run before a check. (Whether the
   * mount path now leads to another directory takes a `stat`: `ensure()` after the check.)
   */
  get broken(): boolean {
    return !this.closed && (this.watcher === undefined || this.failed || this.stale);
  }

  /** release closes the current watcher (the directory vanished); `ensure()` opens a new one. */
  async release(): Promise<void> {
    const watcher = this.watcher;
    this.watcher = undefined;
    this.watched = undefined;
    this.closeParent();
    if (!watcher) return;
    // Not on the stack of one of its own callbacks (a check runs there): chokidar's polling
    // walks a listener list that closing it empties.
    await Promise.resolve();
    await closeMountWatcher(watcher);
  }

  /** close ends every wait and closes the watcher for good. */
  async close(): Promise<void> {
    this.closed = true;
    for (const wake of this.waits) wake();
    this.waits.clear();
    await this.release();
  }

  private fail(error: unknown): void {
    if (this.closed) return;
    this.failed = true;
    this.lastError = errorMessage(error);
    this.reopenAfter = Date.now() + this.options.reopenDelay;
    this.options.onFailure(this.lastError);
  }
}

/** How many symlinks {@link danglingTarget} follows. */
const MAX_LINKS = 8;

/**
 * danglingTarget is where a mount path that is a symlink leads once its target is gone (the path
 * that does not exist, links followed), or undefined when the mount path is no symlink.
 */
function danglingTarget(mount: string): string | undefined {
  let path = mount;
  for (let hop = 0; hop < MAX_LINKS; hop++) {
    let link: string;
    try {
      link = readlinkSync(path);
    } catch {
      return path === mount ? undefined : path;
    }
    path = resolve(dirname(path), link);
  }
  return undefined;
}
