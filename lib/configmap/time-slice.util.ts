/**
 * How long the engine works in one event-loop turn while it reads and parses a version before
 * it lets the application's other work run (`npm run bench`: the library's longest block is
 * bounded at 5 ms).
 */
export const SLICE_MS = 2;

/**
 * Steps is work written as a generator that `yield`s wherever it may pause: between keys, when
 * its {@link TimeSlice} is spent. Run to its end at once ({@link runToEnd}) or spread over turns
 * ({@link runSteps}).
 */
export type Steps<T> = Generator<void, T, void>;

/**
 * TimeSlice tells a step whether the current turn's share of time is spent. `spent()` costs one
 * clock read; an endless slice ({@link TimeSlice.endless}) never is.
 */
export class TimeSlice {
  private deadline = Number.POSITIVE_INFINITY;
  /** How many times the steps paused: work that paused spans turns, and what it read may have moved on. */
  pauses = 0;

  private constructor(private readonly ms: number) {}

  /** endless is a slice for work done in one turn (start-up, a manual reload). */
  static endless(): TimeSlice {
    return new TimeSlice(Number.POSITIVE_INFINITY);
  }

  /** of is a slice of `ms` milliseconds per turn. */
  static of(ms: number = SLICE_MS): TimeSlice {
    return new TimeSlice(ms);
  }

  /** begin starts a turn's share. */
  begin(): void {
    if (this.ms !== Number.POSITIVE_INFINITY) this.deadline = performance.now() + this.ms;
  }

  /** spent tells whether this turn's share is used up. */
  spent(): boolean {
    return this.deadline !== Number.POSITIVE_INFINITY && performance.now() >= this.deadline;
  }
}

/** runToEnd runs steps that never pause (their slice is endless) and returns their result. */
export function runToEnd<T>(steps: Steps<T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * runSteps runs steps, letting the event loop turn each time they pause: work that fits in one
 * slice runs to its end at once, on the caller's stack, and its result is returned as it is (no
 * promise, no microtask, no timer); work that pauses goes on over turns, and a promise of its
 * result is returned.
 */
export function runSteps<T>(steps: Steps<T>, slice: TimeSlice): T | Promise<T> {
  slice.begin();
  const next = steps.next();
  if (next.done) return next.value;
  return continueInSlices(steps, slice);
}

async function continueInSlices<T>(steps: Steps<T>, slice: TimeSlice): Promise<T> {
  for (;;) {
    slice.pauses++;
    await nextTurn();
    slice.begin();
    const next = steps.next();
    if (next.done) return next.value;
  }
}
