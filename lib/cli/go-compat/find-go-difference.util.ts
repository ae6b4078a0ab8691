import { boolCodec } from '../../flags/codecs/bool.codec.js';
import { durationCodec } from '../../flags/codecs/duration.codec.js';
import type { FlagCodec } from '../../flags/codecs/flag-codec.interface.js';
import { floatCodec } from '../../flags/codecs/float.codec.js';
import { intCodec } from '../../flags/codecs/int.codec.js';
import { jsonCodec } from '../../flags/codecs/json.codec.js';
import { listCodec } from '../../flags/codecs/list.codec.js';
import { setCodec } from '../../flags/codecs/set.codec.js';
import { stringCodec } from '../../flags/codecs/string.codec.js';
import { cliMessages } from '../cli-messages.constant.js';
import type { GoDifference, GoDifferenceKind } from './go-difference.interface.js';
import { goReadJson } from './go-json-reading.util.js';
import { goParseBool } from './go-parse-bool.util.js';
import { goParseDuration } from './go-parse-duration.util.js';
import { goParseFloat } from './go-parse-float.util.js';
import { goParseInt } from './go-parse-int.util.js';
import type { GoReading } from './go-reading.interface.js';
import { goValue } from './go-reading.interface.js';
import { goSplitComma } from './go-split-comma.util.js';
import { goTrimSpace } from './go-trim-space.util.js';

/** GoCompatInput is one value of a flag, as a mounted file holds it. */
export interface GoCompatInput {
  /** GoCompatInput.kind is the flag's type (`int`, `duration`, …). */
  readonly kind: string;
  /** GoCompatInput.dynamic tells a dynamic flag (Go: a dflag) from a static one (Go: a standard flag). */
  readonly dynamic: boolean;
  /** GoCompatInput.raw is the file's bytes. */
  readonly raw: Uint8Array;
  /**
   * GoCompatInput.accepts tells whether the flag itself takes the value (a float flag refuses
   * NaN and ±Infinity unless it allows them); asked only when that decides the answer.
   */
  readonly accepts: () => boolean;
}

type Reading<T> = { ok: true; value: T } | { ok: false };

/** One kind's comparison: both readers, how to show a value, and when two readings are the same. */
interface KindRules<O, G> {
  readonly codec: FlagCodec<O>;
  readonly go: (text: string, dynamic: boolean) => GoReading<G>;
  readonly same: (ours: O, go: G, reading: GoReading<G> & { ok: true }) => boolean;
  readonly showOurs: (value: O) => string;
  readonly showGo: (value: G) => string;
  /** Kinds whose static flags Go reads with its standard flag package, untrimmed. */
  readonly standard: boolean;
}

const SHOWN = 60;
// Whitespace that JSON.stringify leaves as it is, invisible on a terminal: shown as \uXXXX, since
// these are the characters where the two trims differ.
const INVISIBLE = /[\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]/g;
const shorten = (text: string): string => {
  const visible = text.replace(
    INVISIBLE,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return visible.length > SHOWN ? `${visible.slice(0, SHOWN - 1)}…` : visible;
};
const quoted = (text: string): string => shorten(JSON.stringify(text));
const showNumber = (n: number): string => (Object.is(n, -0) ? '-0' : String(n));
const sameNumber = (a: number, b: number): boolean => Object.is(a, b) || a === b;
const sameList = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((item, i) => item === b[i]);
const sorted = (items: Iterable<string>): string[] => [...new Set(items)].sort();

const RULES: Record<string, KindRules<never, never>> = {
  bool: rules({
    codec: boolCodec,
    go: goParseBool,
    same: (a, b) => a === b,
    showOurs: String,
    showGo: String,
    standard: true,
  }),
  int: rules({
    codec: intCodec,
    go: goParseInt,
    same: (a, b) => BigInt(a) === b,
    showOurs: String,
    showGo: String,
    standard: true,
  }),
  float: rules({
    codec: floatCodec(true),
    go: goParseFloat,
    same: sameNumber,
    showOurs: showNumber,
    showGo: showNumber,
    standard: true,
  }),
  duration: rules({
    codec: durationCodec,
    go: (text, dynamic) => goParseDuration(text, { days: dynamic }),
    // Both are the text's value, unless Go's is not (see goParseDuration): then compared.
    same: (ms, ns, reading) =>
      reading.why !== cliMessages.goCompat.whyDurationTruncated || Number(ns) === ms * 1e6,
    showOurs: (ms) => `${ms} ms`,
    showGo: (ns) => `${ns} ns`,
    standard: true,
  }),
  string: rules({
    codec: stringCodec,
    go: (text) => goValue(text),
    same: (a, b) => a === b,
    showOurs: quoted,
    showGo: quoted,
    standard: true,
  }),
  list: rules({
    codec: listCodec,
    go: (text) => goValue(goSplitComma(text)),
    same: sameList,
    showOurs: (items) => shorten(JSON.stringify(items)),
    showGo: (items) => shorten(JSON.stringify(items)),
    standard: false,
  }),
  set: rules({
    codec: setCodec,
    go: (text) => goValue(goSplitComma(text)),
    same: (a, b) => sameList(sorted(a), sorted(b)),
    showOurs: (items) => shorten(JSON.stringify(sorted(items))),
    showGo: (items) => shorten(JSON.stringify(sorted(items))),
    standard: false,
  }),
  json: rules({
    codec: jsonCodec,
    go: goReadJson,
    same: (_a, b) => b === 'same',
    showOurs: (value) => shorten(JSON.stringify(value)),
    showGo: (value) => {
      const m = cliMessages.goCompat;
      return value === 'zero'
        ? m.zeroValue
        : value === 'replaced'
          ? m.replacedSurrogates
          : value === 'exact'
            ? m.exactInteger
            : value === 'beyond-int64'
              ? m.beyondInt64
              : m.asWritten;
    },
    standard: false,
  }),
};

/** rules types one kind's comparison and erases its types for the table. */
function rules<O, G>(kind: KindRules<O, G>): KindRules<never, never> {
  return kind as unknown as KindRules<never, never>;
}

// ignoreBOM keeps a leading byte-order mark in the text, as Go's string(content) does.
const lossless = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const lossy = new TextDecoder('utf-8', { ignoreBOM: true });

function readOurs<O>(codec: FlagCodec<O>, raw: Uint8Array): Reading<O> {
  try {
    return { ok: true, value: codec.parse(raw) };
  } catch {
    return { ok: false };
  }
}

/**
 * findGoDifference compares how nestjs-dflag and the Go original read one value of a flag: Go's
 * dflag for a dynamic flag (input trimmed with `strings.TrimSpace`), Go's standard flag package
 * for a static bool, int, float, duration or string flag (untrimmed; `time.ParseDuration`).
 * It answers undefined when both read the same value or both refuse it, and for `bytes` flags
 * (both take a file's bytes as they are) or a kind it does not know.
 */
export function findGoDifference(input: GoCompatInput): GoDifference | undefined {
  const kind = RULES[input.kind];
  if (kind === undefined) return undefined;
  const m = cliMessages.goCompat;
  const standard = kind.standard && !input.dynamic;
  const reader = standard ? m.flagPackage : m.dflag;

  let utf8 = true;
  let decoded: string;
  try {
    decoded = lossless.decode(input.raw);
  } catch {
    utf8 = false;
    decoded = lossy.decode(input.raw);
  }
  const goText = standard ? decoded : goTrimSpace(decoded);
  // Why the texts differ before any parsing, if they do: it explains whatever follows.
  const trimWhy = !utf8
    ? input.kind === 'json'
      ? m.whyJsonInvalidUtf8
      : m.whyInvalidUtf8
    : goText === decoded.trim()
      ? undefined
      : standard
        ? m.whyStaticUntrimmed
        : m.whyTrimSet;

  let ours = readOurs(kind.codec, input.raw);
  const go = kind.go(goText, input.dynamic);
  if (
    ours.ok &&
    input.kind === 'float' &&
    !Number.isFinite(ours.value as number) &&
    !input.accepts()
  ) {
    ours = { ok: false };
  }
  const why =
    trimWhy ??
    go.why ??
    (input.kind === 'list' || input.kind === 'set' ? m.whyCommaSplit : undefined);
  const difference = (
    differenceKind: GoDifferenceKind,
    shown: { ours?: string; go?: string; reason?: string },
  ): GoDifference => ({ kind: differenceKind, older: false, reader, why, ...shown });

  if (!ours.ok) {
    if (!go.ok) return undefined;
    // encoding/json reads each byte that is not UTF-8 as U+FFFD; the other kinds keep the bytes.
    const shownGo = utf8
      ? kind.showGo(go.value)
      : input.kind === 'json'
        ? m.replacedInvalidBytes
        : m.bytesAsTheyAre;
    return difference('go-accepts', { go: shownGo });
  }
  const shownOurs = kind.showOurs(ours.value);
  if (!go.ok) return difference('go-refuses', { ours: shownOurs, reason: go.reason });
  if (!kind.same(ours.value, go.value, go)) {
    return difference('reads-differently', { ours: shownOurs, go: kind.showGo(go.value) });
  }
  if (input.kind === 'duration' && input.dynamic) {
    // dflag before v1.9.0 read durations with time.ParseDuration: no d, no w.
    const older = goParseDuration(goText, { days: false });
    if (!older.ok && older.why === m.whyDurationDays) {
      return {
        kind: 'go-refuses',
        older: true,
        reader,
        ours: shownOurs,
        reason: older.reason,
        why: older.why,
      };
    }
  }
  return undefined;
}
