/**
 * A single JSON value of ~1 MiB (the most a ConfigMap holds), written by another process (this
 * one) into a volume a Nest application (a subject process, JSON flags) follows; each version
 * changes one field. Reported: the subject's longest event-loop turns while it reloads (wall
 * clock and CPU time, and the library's own time in each, sampled by V8's profiler over another
 * `SWAPS` versions), the swap's turn among them, against what `JSON.parse` alone takes on that
 * text in the subject, sampled the same way in turns taken between the library's profiled versions
 * (the two take turns, so that the machine's drift hits both alike) — the bound is that parse plus
 * 2 ms. `SWAPS=30`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeConfigMapVolume } from '../lib/testing/index.js';
import { printTargets, saveResult } from './support/results.util.js';
import { fmt, quantile } from './support/stats.util.js';
import { pause, Subject } from './support/subject.util.js';
import type { TickerReport } from './support/ticker-report.interface.js';

const SWAPS = Number(process.env.SWAPS ?? 30);
const KEY = 'key_0';

/** documentOf is a ~1 MiB JSON document of many small objects, its `v` the version. */
const documentOf = (v: number): string => {
  const items: unknown[] = [];
  let size = 0;
  for (let i = 0; size < 1_000_000; i++) {
    const item = { id: i, name: `item-${i}`, tags: ['a', 'b'], weight: i * 0.5, on: i % 2 === 0 };
    size += JSON.stringify(item).length + 1;
    items.push(item);
  }
  return JSON.stringify({ v, items });
};

const root = await mkdtemp(join(tmpdir(), 'dflag-bench-json-'));
const dir = join(root, 'vol');
await writeConfigMapVolume(dir, { [KEY]: documentOf(0) });
const bytes = Buffer.byteLength(documentOf(0));
const { subject } = await Subject.spawn('nest-json', dir, 1, KEY);
const swapOnce = async (v: number): Promise<void> => {
  await writeConfigMapVolume(dir, { [KEY]: documentOf(v) });
  await subject.seen(['handle', 'bus'], String(v));
  await pause(20);
};
await swapOnce(1); // warm-up
await subject.request({ cmd: 'ticker-on' }, 'ok');
for (let v = 2; v < SWAPS + 2; v++) await swapOnce(v);
const { ticker } = (await subject.request({ cmd: 'ticker-off' }, 'ticker')) as {
  ticker: TickerReport;
};
// The same again under V8's sampling profiler: the library's own time in each turn.
await subject.request({ cmd: 'ticker-on', profile: true }, 'ok');
for (let v = SWAPS + 2; v < 2 * SWAPS + 2; v++) {
  await swapOnce(v);
  // The reference parse takes its turn between two versions, under the same profiler.
  await subject.request({ cmd: 'json-parse-turn' }, 'parsed');
}
const profiled = (
  (await subject.request({ cmd: 'ticker-off' }, 'ticker')) as { ticker: TickerReport }
).ticker;
const parses = (await subject.request({ cmd: 'json-parse', repeat: SWAPS }, 'jsonParseMs')) as {
  jsonParseMs: number;
  jsonParseKeptMs: number;
  jsonParseKeptMaxMs: number;
  jsonParseSampledMs: number;
  jsonParseSampledMaxMs: number;
};
const {
  jsonParseMs,
  jsonParseKeptMs,
  jsonParseKeptMaxMs,
  jsonParseSampledMs,
  jsonParseSampledMaxMs,
} = parses;
await subject.stop();
await rm(root, { recursive: true, force: true });

// The bound's reference: the parses taken between the library's profiled versions.
const referenceSampled = profiled.referenceSampled;
const referenceSampledMs = quantile(referenceSampled, 0.5);
const referenceSampledMaxMs = Math.max(...referenceSampled);
const figures = {
  bytes,
  swaps: SWAPS,
  referenceSampledMs,
  referenceSampledMaxMs,
  jsonParseMs,
  jsonParseKeptMs,
  jsonParseSampledMs,
  jsonParseSampledMaxMs,
  jsonParseKeptMaxMs,
  longestOtherTurnMs: ticker.others[0] ?? 0,
  longestOtherTurnCpuMs: ticker.othersCpu[0] ?? 0,
  longestOtherTurnNetOfGcMs: ticker.othersNetOfGc[0] ?? 0,
  longestOtherTurnScheduledMs: ticker.othersScheduled[0] ?? 0,
  longestOtherTurnOwnMs: ticker.othersOwn[0] ?? 0,
  longestOtherTurnSampledMs: profiled.othersSampled[0] ?? 0,
  // The bound: a turn holding the JSON.parse holds at most 2 ms besides it; any other turn (the
  // swap's included) lasts at most what that JSON.parse does (its median) plus 2 ms.
  parseTurnBeyondMaxMs: Math.max(0, ...profiled.parseTurnsBeyond),
  ownParseP50Ms: quantile(profiled.parseTurnsParse, 0.5),
  parseTurns: profiled.parseTurnsParse.length,
  ownParseMaxMs: Math.max(0, ...profiled.parseTurnsParse),
  otherBlockMaxMs: Math.max(0, ...profiled.nonParseTurnsSampled, ...profiled.swapTurnsSampled),
  // Each version's longest turn is its parse: the median of the longest `SWAPS` turns.
  parseTurnSampledP50Ms: quantile(profiled.othersSampled.slice(0, SWAPS), 0.5),
  swapTurnSampledMaxMs: Math.max(...profiled.swapTurnsSampled),
  swapTurnP50Ms: quantile(ticker.swapTurns, 0.5),
  swapTurnMaxMs: Math.max(...ticker.swapTurns),
  swapTurnCpuP50Ms: quantile(ticker.swapTurnsCpu, 0.5),
  swapTurnCpuMaxMs: Math.max(...ticker.swapTurnsCpu),
};
console.log(
  `json-value: one ${bytes}-byte JSON value, ${SWAPS} versions; JSON.parse alone ${fmt(jsonParseMs)} ms back to back, ${fmt(jsonParseKeptMs)} ms (max ${fmt(jsonParseKeptMaxMs)}) in turns of its own keeping its result; longest turns without the swap (CPU): ${ticker.othersCpu.slice(0, 6).map(fmt).join(', ')} ms; net of collections: ${ticker.othersNetOfGc.slice(0, 6).map(fmt).join(', ')} ms; net of collections and waits for a CPU: ${ticker.othersOwn.slice(0, 6).map(fmt).join(', ')} ms; the library's own, sampled (another ${SWAPS} versions): ${profiled.othersSampled.slice(0, 6).map(fmt).join(', ')} ms`,
);
console.log(
  `  longest turn without the swap ${fmt(figures.longestOtherTurnMs)} ms wall, ${fmt(figures.longestOtherTurnCpuMs)} ms CPU; the swap's turn p50 ${fmt(figures.swapTurnP50Ms)} ms wall / ${fmt(figures.swapTurnCpuP50Ms)} ms CPU, max ${fmt(figures.swapTurnMaxMs)} / ${fmt(figures.swapTurnCpuMaxMs)} ms`,
);
// The bound, as the issue puts it: no block beyond its own JSON.parse plus 2 ms. The profile tells
// each turn's library time apart from the time of the codec's own JSON.parse call in it
// (`isOwnJsonParse`), so the library is judged against its own parses, not against other
// parses (whose length varies by several ms from one to the next here: 7 to 23 ms for the same
// text): the turn of a parse holds at most 2 ms besides it, and no other turn lasts longer than
// the parse (its median) plus 2 ms — nor than 5 ms, the library's block bound, so that a second
// block the size of the parse (the canonical text's one stringify was one) does not pass; and a
// version parses once.
// The comparison with JSON.parse alone — the parse as a program using the document does it, in
// turns of its own, its result kept, sampled the same way, between the library's versions — is
// shown beside, worst against worst and p50 against p50.
const targets = [
  {
    name: 'single 1 MiB JSON value, no block beyond its own JSON.parse plus 2 ms',
    figure: `the library's own code, sampled: besides its JSON.parse in that turn at most ${fmt(figures.parseTurnBeyondMaxMs)} ms; its longest other block ${fmt(figures.otherBlockMaxMs)} ms (the swap's turn included) against its JSON.parse's p50 ${fmt(figures.ownParseP50Ms)} ms (max ${fmt(figures.ownParseMaxMs)}); its longest turn with the parse ${fmt(figures.longestOtherTurnSampledMs)} ms (the ticker's wall clock net of the garbage collector's pauses and the waits for a CPU: ${fmt(figures.longestOtherTurnOwnMs)}; net of the pauses alone ${fmt(figures.longestOtherTurnNetOfGcMs)}, of the waits alone ${fmt(figures.longestOtherTurnScheduledMs)}; wall ${fmt(figures.longestOtherTurnMs)} ms, CPU ${fmt(figures.longestOtherTurnCpuMs)} ms; the library's parse turns p50 ${fmt(figures.parseTurnSampledP50Ms)} ms; JSON.parse alone in turns taken between those versions, sampled the same way: max ${fmt(referenceSampledMaxMs)}, p50 ${fmt(referenceSampledMs)} ms (${SWAPS} parses afterwards: max ${fmt(jsonParseSampledMaxMs)}, p50 ${fmt(jsonParseSampledMs)} ms); on the wall clock, result kept: ${fmt(jsonParseKeptMs)} ms; back to back: ${fmt(jsonParseMs)} ms)`,
    bound: `≤ 2 ms besides the parse in its turn, one parse turn per version (${SWAPS}: ${figures.parseTurns}), every other block ≤ 5 ms (the library's block bound; not the parse + 2 ms, which would let a second parse-sized block through)`,
    met:
      figures.parseTurnBeyondMaxMs <= 2 &&
      figures.parseTurns <= SWAPS &&
      figures.otherBlockMaxMs <= Math.min(5, figures.ownParseP50Ms + 2),
  },
  {
    name: 'single 1 MiB JSON value, the swap turn (compare, checksum, events, logs)',
    figure: `p50 ${fmt(figures.swapTurnP50Ms)} ms, max ${fmt(figures.swapTurnMaxMs)} ms wall`,
    bound: 'measured',
    met: 'measured' as const,
  },
];
printTargets(targets);
saveResult({ bench: 'json-value', figures, targets });
