import type { Flag } from '../flags/flag.js';
import type { FlagSet } from '../flags/flag-set.js';
import type { Steps, TimeSlice } from './time-slice.util.js';
import type { UnchangedKeys } from './unchanged-keys.js';
import type { VolumeEntry, VolumeSnapshot } from './volume-snapshot.interface.js';

/** PreparedValue is one key of a snapshot parsed and validated by its flag ahead of the swap. */
export interface PreparedValue {
  /** The flag that parsed it: a value prepared by another declaration is not used. */
  readonly flag: Flag<unknown>;
  /** The entry it was parsed from: a value prepared from another read is not used. */
  readonly entry: VolumeEntry;
  /** The parsed, validated value; or the refusal, as `flag.parse` threw it. */
  readonly outcome: { readonly value: unknown } | { readonly error: Error };
}

/** PreparedValues holds the prepared value of each declared key of a snapshot, by flag name. */
export type PreparedValues = ReadonlyMap<string, PreparedValue>;

/**
 * prepareSnapshot parses and validates every declared key of a snapshot, pausing between keys
 * when `slice` is spent, so that a big version is parsed over several turns before the one
 * synchronous swap (`applySnapshot` uses what was prepared, and parses anything else itself).
 * A key {@link UnchangedKeys} finds unchanged is not parsed (nor applied).
 * Nothing changes here: parsing a value never touches the flag.
 */
export function* prepareSnapshot(
  set: FlagSet,
  snapshot: VolumeSnapshot,
  slice: TimeSlice,
  unchanged?: UnchangedKeys,
): Steps<PreparedValues> {
  const prepared = new Map<string, PreparedValue>();
  const spent = (): boolean => slice.spent();
  if (snapshot.problem !== undefined) return prepared;
  for (const [name, entry] of snapshot.entries) {
    const flag = set.find(name);
    if (!flag || snapshot.refused.has(name) || unchanged?.unchanged(flag, entry)) continue;
    if (slice.spent()) yield;
    let outcome: PreparedValue['outcome'];
    try {
      const value = flag.parsesInSteps
        ? yield* flag.parseInSteps(entry.bytes, 'configmap', entry.file, spent)
        : flag.parse(entry.bytes, 'configmap', entry.file);
      outcome = { value };
    } catch (error) {
      outcome = { error: error as Error };
    }
    prepared.set(name, { flag, entry, outcome });
    // A document's comparison with the value serving, for the swap, and its canonical and
    // display texts, for the checksum and change line after it.
    if ('value' in outcome && typeof outcome.value === 'object' && outcome.value !== null) {
      yield* flag.compareAhead(outcome.value, spent);
      yield* flag.remember(outcome.value, spent);
    }
  }
  return prepared;
}

/** preparedFor returns what was prepared for this flag and entry, if anything. */
export function preparedFor(
  prepared: PreparedValues | undefined,
  flag: Flag<unknown>,
  entry: VolumeEntry,
): PreparedValue['outcome'] | undefined {
  const found = prepared?.get(flag.name);
  return found && found.flag === flag && found.entry === entry ? found.outcome : undefined;
}
