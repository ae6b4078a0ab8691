import type { RuntimeClock } from '../../lib/runtime/runtime-clock.interface.js';

/**
 * FakeClock is a {@link RuntimeClock} that moves only when told: `advance()` runs the monotonic
 * clock forward and fires the timers due; `jumpWall()` steps the wall clock alone (NTP, a resumed
 * VM), which must not move any deadline.
 */
export class FakeClock implements RuntimeClock {
  private monotonic = 1_000;
  private wall = Date.parse('2026-12-01T12:00:00.000Z');
  private readonly timers = new Map<number, { at: number; callback: () => void }>();
  private nextId = 1;

  monotonicNow(): number {
    return this.monotonic;
  }
  wallNow(): Date {
    return new Date(this.wall);
  }
  setTimer(callback: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.timers.set(id, { at: this.monotonic + Math.max(ms, 0), callback });
    return id;
  }
  clearTimer(handle: unknown): void {
    this.timers.delete(handle as number);
  }
  /** pending counts the armed timers. */
  get pending(): number {
    return this.timers.size;
  }
  advance(ms: number): void {
    const end = this.monotonic + ms;
    for (;;) {
      const due = [...this.timers].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at);
      if (due.length === 0) break;
      const [id, timer] = due[0]!;
      this.timers.delete(id);
      const step = Math.max(0, timer.at - this.monotonic);
      this.monotonic += step;
      this.wall += step;
      timer.callback();
    }
    this.wall += end - this.monotonic;
    this.monotonic = end;
  }
  /** fireEarly runs every armed timer now, as a timer that fires too soon would. */
  fireEarly(): void {
    const timers = [...this.timers];
    this.timers.clear();
    for (const [, timer] of timers) timer.callback();
  }
  jumpWall(ms: number): void {
    this.wall += ms;
  }
}
