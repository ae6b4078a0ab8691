/**
 * How long the engine works in one event-loop turn while it reads and parses a version before
 * it lets the application's other work run (`npm run bench`: the library's longest block is
 * bounded at 5 ms, and a 1 MiB JSON document's at its `JSON.parse` + 2 ms, which for one that
 * parses in 0.3 ms leaves a slice of 2 ms no room for the unit of work that ends it).
 */
export const SLICE_MS = 1.5;

/**
 * Steps is work written as a generator that `yield`s wherever it may pause: between keys, when
 * its {@link TimeSlice} is spent. Run to its end at once ({@link runToEnd}) or spread over turns
 * ({@link runSteps}).
 */
export type Steps<T> = Generator<void, T, void>;

/**
 * When the current turn's background share ends, for every background slice that begins in it;
 * cleared from the next turn's first callbacks on (a `setImmediate` queued when it was opened).
 */
let turnDeadline: number | undefined;
const endTurn = (): void => {
  turnDeadline = undefined;
};

/**
 * TimeSlice tells a step whether the current turn's share of time is spent. `spent()` costs one
 * clock read; an endless slice ({@link TimeSlice.endless}) never is. Background slices
 * ({@link TimeSlice.background}: what follows a version once it applied — its change lines, its
 * checksums) that begin in the same turn share one share (each ends at the earlier of its own
 * deadline and the turn's), so that together they hold the event loop as long as one; a version
 * being read has a share of its own, so that no background job delays it.
 */
export class TimeSlice {
  private deadline = Number.POSITIVE_INFINITY;
  /** How many times the steps paused: work that paused spans turns, and what it read may have moved on. */
  pauses = 0;

  private constructor(
    private readonly ms: number,
    private readonly shared = false,
  ) {}

  /** endless is a slice for work done in one turn (start-up, a manual reload). */
  static endless(): TimeSlice {
    return new TimeSlice(Number.POSITIVE_INFINITY);
  }

  /** of is a slice of `ms` milliseconds per turn. */
  static of(ms: number = SLICE_MS): TimeSlice {
    return new TimeSlice(ms);
  }

  /** background is a slice of at most `ms` milliseconds per turn, shared with the other background slices of that turn. */
  static background(ms: number = SLICE_MS): TimeSlice {
    return new TimeSlice(ms, true);
  }

  /** begin starts this slice's part of the turn's share. */
  begin(): void {
    if (this.ms === Number.POSITIVE_INFINITY) return;
    const own = performance.now() + this.ms;
    if (!this.shared) {
      this.deadline = own;
      return;
    }
    if (turnDeadline === undefined) {
      turnDeadline = own;
      setImmediate(endTurn);
    }
    this.deadline = Math.min(own, turnDeadline);
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
