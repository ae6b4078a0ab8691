import { readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { errnoOf } from '../kubelet/errno.util.js';
import { cliMessages } from './cli-messages.constant.js';

/** How long an apply waits for another one writing the same directory. */
export const APPLY_LOCK_WAIT_MS = 30_000;
const RETRY_MS = 20;
/** How old a breaker that names no process (its holder died before writing its pid) must be to be removed. */
const NAMELESS_BREAKER_MS = 5_000;

/**
 * The lock of a volume directory: beside it (`.<dir>.dflag-apply.lock` in its parent), never in it,
 * so that the volume holds exactly what kubelet's would and no watcher hears of the lock.
 */
export const applyLockPath = (dir: string): string =>
  join(dirname(dir), `.${basename(dir)}.dflag-apply.lock`);

/** Whether the process `pid` runs (one of another user answers EPERM: it runs). */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errnoOf(error) === 'EPERM';
  }
}

/** The pid a lock file names, or undefined when it names none (being written, or not ours). */
function lockHolder(path: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(path, 'utf8'), 10);
    return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** Whether the lock at `path` names a process that no longer runs, or names none and is older than `ms`. */
function abandoned(path: string, ms: number): boolean {
  const holder = lockHolder(path);
  if (holder !== undefined) return !running(holder);
  try {
    return Date.now() - statSync(path).mtimeMs > ms;
  } catch {
    return false;
  }
}

/**
 * removeStaleLock removes the lock at `path` while it still names `stale` (a process that no
 * longer runs), holding the lock's breaker (`<lock>.break`) meanwhile: between an apply's reading
 * of a stale pid and its removal of the lock, another apply may have taken the lock over and
 * created its own, which a plain `unlink` then removed (two applies wrote at once: an orphan
 * version, a key linking to a version without it). Under the breaker, nobody else removes the
 * lock, so a lock still naming `stale` is the stale one. A breaker whose holder died is removed.
 */
function removeStaleLock(path: string, stale: number): void {
  const breaker = `${path}.break`;
  try {
    writeFileSync(breaker, `${process.pid}\n`, { flag: 'wx' });
  } catch (error) {
    if (errnoOf(error) === 'EEXIST' && abandoned(breaker, NAMELESS_BREAKER_MS)) {
      try {
        unlinkSync(breaker);
      } catch {
        // Removed by another apply meanwhile.
      }
    }
    return;
  }
  try {
    if (lockHolder(path) === stale) unlinkSync(path);
  } catch {
    // Gone meanwhile: nothing to remove.
  } finally {
    try {
      unlinkSync(breaker);
    } catch {
      // Removed by hand meanwhile.
    }
  }
}

/**
 * withApplyLock runs `write` while holding the lock of `dir`: kubelet never runs two writes of one
 * volume at once, and two overlapping writes leave an orphan version, or a key's link to a
 * version without it. An apply waits for another one (in any process) up to `waitMs`, takes over
 * the lock of a process that no longer runs (see {@link removeStaleLock}), and writes without a lock where its parent directory
 * cannot hold one (read-only, not ours).
 *
 * @throws Error naming the process holding the lock when it is still held after `waitMs`
 */
export async function withApplyLock<T>(
  dir: string,
  write: () => Promise<T>,
  waitMs = APPLY_LOCK_WAIT_MS,
): Promise<T> {
  const path = applyLockPath(dir);
  const deadline = Date.now() + waitMs;
  let held = false;
  for (;;) {
    try {
      writeFileSync(path, `${process.pid}\n`, { flag: 'wx' });
      held = true;
      break;
    } catch (error) {
      const code = errnoOf(error);
      if (code === 'EACCES' || code === 'EROFS' || code === 'EPERM' || code === 'ENOENT') break;
      if (code !== 'EEXIST') throw error;
    }
    const holder = lockHolder(path);
    if (holder !== undefined && !running(holder)) {
      removeStaleLock(path, holder);
      if (lockHolder(path) !== holder) continue;
    }
    if (Date.now() >= deadline) throw new Error(cliMessages.applyLocked(dir, path, holder, waitMs));
    await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
  }
  try {
    return await write();
  } finally {
    if (held) {
      try {
        unlinkSync(path);
      } catch {
        // Removed by hand meanwhile: nothing to release.
      }
    }
  }
}
