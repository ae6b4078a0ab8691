import type { RuntimeClock } from './runtime-clock.interface.js';

/** The longest delay a Node timer takes (about 24.8 days); longer waits re-arm. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** systemClock: `performance.now()`, `new Date()`, and unref'd timers (they keep no process alive). */
export const systemClock: RuntimeClock = {
  monotonicNow: () => performance.now(),
  wallNow: () => new Date(),
  setTimer: (callback, ms) => setTimeout(callback, Math.min(Math.max(ms, 0), MAX_TIMER_MS)).unref(),
  clearTimer: (handle) => clearTimeout(handle as NodeJS.Timeout),
};
