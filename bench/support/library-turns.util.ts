/**
 * What a CPU profile of the subject (V8's sampling profiler, started in the process with
 * `node:inspector`) says the library's own code took in each event-loop turn: the time of the
 * samples whose stack holds a frame of the library (its `lib/` directory, or chokidar, which it
 * drives), each sample standing for the time since the previous one, at most twice the
 * sampling interval.
 *
 * Why: on a virtual machine a turn's wall-clock length also holds the times the virtual CPU was
 * not running at all, which the guest neither sees as a wait for a CPU nor can tell from its own
 * CPU time (it charges them to whatever ran). No sample is taken then, so a sampled figure leaves
 * them out; the collector's pauses are samples of their own (`(garbage collector)`), under no
 * library frame, so they are out of it too.
 */

/** The parts of a `Profiler.Profile` this reads. */
export interface SampledProfile {
  nodes: Array<{
    id: number;
    callFrame: { url: string; functionName?: string };
    children?: number[];
  }>;
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

/**
 * libraryTimePerTurn returns, for each turn `[from, to]` (hrtime, ns: the profile's clock, in
 * µs there), the milliseconds of samples with a library frame on their stack.
 */
export function libraryTimePerTurn(
  profile: SampledProfile,
  turns: ReadonlyArray<readonly [number, number]>,
  isLibraryUrl: (url: string) => boolean,
  intervalUs: number,
  /** Samples whose innermost frame this says to leave out (see {@link isOwnJsonParse}). */
  leaveOut?: (frame: { url: string; functionName?: string }) => boolean,
): number[] {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const inLibrary = new Map<number, boolean>();
  const mark = (id: number, parentIn: boolean): void => {
    const node = byId.get(id);
    if (!node) return;
    const here = parentIn || isLibraryUrl(node.callFrame.url);
    inLibrary.set(id, here);
    for (const child of node.children ?? []) mark(child, here);
  };
  // The root is the first node; children are listed by id.
  mark(profile.nodes[0]?.id ?? 0, false);
  const out = turns.map(() => 0);
  let at = profile.startTime;
  let turn = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    while (turn < turns.length && (turns[turn] as readonly [number, number])[1] / 1000 < at) turn++;
    if (turn === turns.length) break;
    const [from] = turns[turn] as readonly [number, number];
    if (at < from / 1000) continue;
    const id = profile.samples[i] as number;
    if (!inLibrary.get(id)) continue;
    const leaf = byId.get(id);
    if (leaveOut && leaf && leaveOut(leaf.callFrame)) continue;
    out[turn] = (out[turn] as number) + Math.min(delta, 2 * intervalUs) / 1000;
  }
  return out;
}

/**
 * isOwnJsonParse tells a sample taken in the JSON codec's `JSON.parse` call: `JSON.parse` is a
 * builtin, which the profile shows as time of its caller, the codec's `parsed` (a function that
 * only calls it). The 1 MiB bound is a turn's library time beyond its own `JSON.parse`.
 */
export const isOwnJsonParse = (frame: { url: string; functionName?: string }): boolean =>
  frame.functionName === 'parsed' && frame.url.endsWith('/flags/codecs/json.codec.js');
