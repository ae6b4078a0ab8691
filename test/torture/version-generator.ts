import { MAX_CONFIGMAP_BYTES } from '../../lib/kubelet/kubelet.constants.js';
import type { SeededRandom } from './seeded-random.js';
import type { FlagModel } from './torture-flags.js';

/** What one version holds for a declared flag (absent keys are not listed). */
export type PlannedEntry =
  | { readonly kind: 'valid'; readonly value: unknown }
  | { readonly kind: 'invalid' }
  | { readonly kind: 'oversize' };

/** PlannedVersion is one ConfigMap version to write, with what the model needs to know of it. */
export interface PlannedVersion {
  /** Its place in the sequence of writes (0: the version the run starts on). */
  readonly index: number;
  /** The files to write. */
  readonly payload: Readonly<Record<string, string | Uint8Array>>;
  /** What each present key of a declared flag holds. */
  readonly entries: ReadonlyMap<string, PlannedEntry>;
  /** Keys no flag declares. */
  readonly unknownKeys: readonly string[];
  /** Whether kubelet's fsGroup walk runs before the swap. */
  readonly fsGroup: boolean;
}

/** How often each shape of version appears. */
const P_ALL_REMOVED = 0.03;
const P_ABSENT = 0.15;
const P_INVALID = 0.04;
const P_OVERSIZE = 0.003;
const P_UNKNOWN = 0.1;
const P_FS_GROUP = 0.1;
const UNKNOWN_KEYS = ['extra-a', 'extra.b', 'extra_c'] as const;

/**
 * VersionGenerator draws ConfigMap versions from a seeded PRNG: values
 * changed, keys added and removed, everything removed, invalid values,
 * values over 1 MiB, unknown keys, and an fsGroup walk before 10 % of the
 * swaps.
 */
export class VersionGenerator {
  constructor(
    private readonly rng: SeededRandom,
    private readonly flags: readonly FlagModel[],
  ) {}

  /** random draws the next version. */
  random(index: number): PlannedVersion {
    const rng = this.rng;
    const payload: Record<string, string | Uint8Array> = {};
    const entries = new Map<string, PlannedEntry>();
    const unknownKeys: string[] = [];
    if (!rng.chance(P_ALL_REMOVED)) {
      for (const flag of this.flags) {
        if (rng.chance(P_ABSENT)) continue;
        if (flag.name === 'label' && rng.chance(P_OVERSIZE)) {
          payload[flag.name] = 'x'.repeat(MAX_CONFIGMAP_BYTES + 1);
          entries.set(flag.name, { kind: 'oversize' });
        } else if (flag.invalid && rng.chance(P_INVALID)) {
          payload[flag.name] = flag.invalid(rng);
          entries.set(flag.name, { kind: 'invalid' });
        } else {
          const { raw, value } = flag.valid(rng);
          payload[flag.name] = raw;
          entries.set(flag.name, { kind: 'valid', value });
        }
      }
      for (const key of UNKNOWN_KEYS) {
        if (!rng.chance(P_UNKNOWN)) continue;
        payload[key] = rng.word(1, 12);
        unknownKeys.push(key);
      }
    }
    return { index, payload, entries, unknownKeys, fsGroup: rng.chance(P_FS_GROUP) };
  }

  /**
   * full draws a version where every declared key is present and valid, with
   * a given label: a checkpoint the run waits for (the label makes it
   * differ from whatever was processed before).
   */
  full(index: number, label: string): PlannedVersion {
    const payload: Record<string, string | Uint8Array> = {};
    const entries = new Map<string, PlannedEntry>();
    for (const flag of this.flags) {
      const { raw, value } =
        flag.name === 'label' ? { raw: label, value: label } : flag.valid(this.rng);
      payload[flag.name] = raw;
      entries.set(flag.name, { kind: 'valid', value });
    }
    return { index, payload, entries, unknownKeys: [], fsGroup: false };
  }
}
