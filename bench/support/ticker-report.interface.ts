/**
 * TickerReport is what a subject's event-loop ticker saw while it reloaded: the longest turns that
 * held no swap (at most 100, longest first) by wall-clock time, by CPU time, by wall-clock time net
 * of the garbage collector's pauses in them, net of the main thread's waits for a CPU, and net of
 * both (`othersOwn`: the longer of the two taken off, never both: the code's own block is at most
 * this), how many of them took over 5 ms, and every turn that held a swap.
 */
export interface TickerReport {
  others: number[];
  othersCpu: number[];
  othersNetOfGc: number[];
  othersScheduled: number[];
  othersOwn: number[];
  /**
   * With the profiler on: the library's own sampled time in each turn without a swap (longest
   * first, see `library-turns.util.ts`), and in each turn with one (in order).
   */
  othersSampled: number[];
  /** The same, without the samples of the JSON codec's own `JSON.parse` (longest first). */
  othersSampledNetOfParse: number[];
  /**
   * With the profiler on, turns without a swap, in order: those holding the JSON codec's own
   * `JSON.parse` (its time, and the library's time besides it), and the others (the library's time).
   */
  parseTurnsParse: number[];
  parseTurnsBeyond: number[];
  nonParseTurnsSampled: number[];
  swapTurnsSampled: number[];
  /**
   * With the profiler on: the reference `JSON.parse` turns taken between the versions
   * (`json-parse-turn`), sampled the same way (this file's own time; in order). Those turns are
   * in no other figure.
   */
  referenceSampled: number[];
  overFive: number;
  overFiveCpu: number;
  swapTurns: number[];
  swapTurnsCpu: number[];
}
