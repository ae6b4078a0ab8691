/**
 * RuntimeClock is the time a runtime value's expiry runs on: monotonic time for the deadline (a
 * wall-clock step — NTP, a suspended VM — neither shortens nor lengthens a ttl), wall time only
 * to say "until when". A seam: tests drive expiry with their own clock instead of waiting.
 */
export interface RuntimeClock {
  /** Milliseconds on a monotonic clock (only differences matter). */
  monotonicNow(): number;
  /** The wall-clock time, for display. */
  wallNow(): Date;
  /** Calls `callback` after about `ms` milliseconds; the handle cancels it. */
  setTimer(callback: () => void, ms: number): unknown;
  /** Cancels a timer `setTimer` returned (a handle already fired or cleared is ignored). */
  clearTimer(handle: unknown): void;
}
