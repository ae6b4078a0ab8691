import { setTimeout as sleep } from 'node:timers/promises';

/** EventuallyOptions bounds how long {@link eventually} retries. */
export interface EventuallyOptions {
  /** EventuallyOptions.timeout is the deadline in milliseconds. @default 5000 */
  timeout?: number;
  /** EventuallyOptions.interval is the pause between attempts in milliseconds. @default 10 */
  interval?: number;
}

/**
 * eventually retries `assertion` until it stops throwing, and resolves with its result; once the
 * deadline has passed, it rethrows the last error. Use it instead of fixed sleeps to wait for
 * asynchronous effects (file events, reloads).
 */
export async function eventually<T>(
  assertion: () => T | Promise<T>,
  { timeout = 5000, interval = 10 }: EventuallyOptions = {},
): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    try {
      return await assertion();
    } catch (error) {
      if (Date.now() >= deadline) throw error;
    }
    await sleep(interval);
  }
}
