import { createHook } from 'node:async_hooks';

/** The resource types that a watcher or a timer leave behind (open files: see `openDescriptors`). */
const TRACKED = new Set(['FSEVENTWRAP', 'STATWATCHER', 'Timeout']);

/**
 * trackResources records every watcher and timer created from
 * now on and not yet destroyed, whether it is ref'ed or not (an unref'ed
 * handle does not show in `process.getActiveResourcesInfo()`, yet it leaks).
 * `where()` tells where each live one was created.
 */
export function trackResources(): { live(): string[]; where(): string[]; stop(): void } {
  const live = new Map<number, { type: string; stack: string }>();
  const hook = createHook({
    init(id, type) {
      if (TRACKED.has(type)) live.set(id, { type, stack: new Error().stack ?? '' });
    },
    destroy(id) {
      live.delete(id);
    },
  }).enable();
  return {
    live: () => [...live.values()].map((r) => r.type).sort(),
    where: () => [...live.values()].map((r) => `${r.type}${r.stack}`),
    stop: () => hook.disable(),
  };
}

/**
 * openDescriptors lists this process's open file descriptors with their
 * targets (Linux), except libuv's inotify descriptor: libuv opens one per
 * event loop on the first `fs.watch` and keeps it for the process's life.
 */
export async function openDescriptors(): Promise<string[]> {
  const { readdir, readlink } = await import('node:fs/promises');
  const fds = await readdir('/proc/self/fd');
  const out: string[] = [];
  for (const fd of fds) out.push(await readlink(`/proc/self/fd/${fd}`).catch(() => 'closed'));
  return out.filter((t) => t !== 'closed' && t !== 'anon_inode:inotify').sort();
}

/**
 * settle polls `check` on the event loop's check phase (no timers, so that it
 * creates none of the resources it looks for) until it passes or the deadline.
 */
export async function settle(check: () => void | Promise<void>, timeout = 5000): Promise<void> {
  const deadline = Date.now() + timeout;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() >= deadline) throw error;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
}
