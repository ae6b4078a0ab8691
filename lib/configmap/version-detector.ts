import type { VolumeLayout } from './configmap-status.interface.js';
import { KUBELET_IDENTITY, probeVolume } from './probe-volume.js';
import { readVolumeSteps } from './read-volume.js';
import type { ReadVolumeOptions } from './read-volume.js';
import type { Steps, TimeSlice } from './time-slice.util.js';
import { sameContent } from './same-content.util.js';
import type { VolumeSnapshot } from './volume-snapshot.interface.js';

/**
 * How long a kubelet volume read as a plain directory (no `..data`) is taken
 * for a change in progress before it is believed (an emptied volume, a
 * developer replacing it with plain files).
 */
export const LAYOUT_FLIP_GRACE_MS = 2000;

/**
 * Detection is what a look at the directory found:
 * - `unchanged`: the same state as last processed (nothing read);
 * - `transient`: caught mid-change, nothing may be concluded yet;
 * - `missing`: the directory is gone;
 * - `same-content`: a new version holding exactly the last one's content;
 * - `new`: a version to process.
 */
export type Detection =
  | { readonly kind: 'unchanged' | 'transient' | 'missing' }
  | { readonly kind: 'same-content' | 'new'; readonly snapshot: VolumeSnapshot };

/**
 * VersionDetector decides whether a hint is a new version: a cheap probe
 * (`readlink(..data)`, or file fingerprints) first, a full read only when it
 * differs from the state last processed, and a content comparison last.
 */
export class VersionDetector {
  /** The identity (see `probeVolume`) of the state last processed. */
  private seenIdentity: string | undefined;
  /** The state last processed: a private field, not a property (it holds the bytes read). */
  #lastSnapshot: VolumeSnapshot | undefined;
  /** When a kubelet volume was first read as a plain directory (see `flippedToPlain`). */
  private plainSince: number | undefined;
  /** When `..data` was first seen missing while keys still link into it. */
  private brokenSince: number | undefined;

  constructor(
    private readonly path: string,
    /** What each read reads (the keys wanted): see `ReadVolumeOptions`. */
    private readonly reading: ReadVolumeOptions = {},
  ) {}

  /**
   * detect looks at the directory; `layout` is the layout of the state serving now. A read
   * pauses when `slice` is spent (see `readVolumeSteps`).
   */
  *detect(layout: VolumeLayout, slice: TimeSlice): Steps<Detection> {
    const identity = probeVolume(this.path);
    // Missing before unchanged: gone again after it came back (and was taken as back) is news.
    if (identity === 'missing') return { kind: 'missing' };
    if (identity === this.seenIdentity) {
      // Back as it was (`..data` naming the version processed): a change in progress ended, and
      // the next one has its own 2 s.
      this.plainSince = undefined;
      this.brokenSince = undefined;
      return { kind: 'unchanged' };
    }
    // kubelet's layout with `..data` missing: a change in progress, until it lasts
    // longer than any change takes; then what can be read is read.
    const broken = identity.startsWith('transient:');
    if (!broken) this.brokenSince = undefined;
    else if (Date.now() - (this.brokenSince ??= Date.now()) < LAYOUT_FLIP_GRACE_MS) {
      return { kind: 'transient' };
    }
    // A read that fails on I/O leaves seenIdentity as it was: the next check retries it.
    const known = identity.startsWith(KUBELET_IDENTITY)
      ? identity.slice(KUBELET_IDENTITY.length)
      : undefined;
    const snapshot = yield* readVolumeSteps(
      this.path,
      { ...this.reading, acceptBrokenLayout: broken },
      slice,
      known,
    );
    if (snapshot.layout === 'transient' || (!broken && this.flippedToPlain(snapshot, layout))) {
      return { kind: 'transient' };
    }
    if (snapshot.layout === 'missing') return { kind: 'missing' };
    if (sameContent(snapshot, this.#lastSnapshot)) {
      this.seenIdentity = snapshot.identity;
      return { kind: 'same-content', snapshot };
    }
    return { kind: 'new', snapshot };
  }

  /**
   * flippedToPlain: once kubelet's layout was seen, a directory without
   * `..data` is caught mid-change (a non-atomic relink, a deletion in
   * progress, a deleted mount directory re-created before kubelet writes it
   * again): it is not read as a plain directory (which would drop every
   * key) unless it stays so for longer than any such change takes.
   */
  flippedToPlain(snapshot: VolumeSnapshot, layout: VolumeLayout): boolean {
    // The layout serving, or, while the directory is missing, the one processed before it went.
    const was = layout === 'missing' ? this.#lastSnapshot?.layout : layout;
    if (snapshot.layout !== 'plain' || was !== 'kubelet') return false;
    if (snapshot.layoutUnknown) return false; // unreadable, not caught mid-change
    this.plainSince ??= Date.now();
    return Date.now() - this.plainSince < LAYOUT_FLIP_GRACE_MS;
  }

  /** processedLayout is the layout of the state last processed (kept while the directory is missing). */
  get processedLayout(): VolumeSnapshot['layout'] | undefined {
    return this.#lastSnapshot?.layout;
  }

  /**
   * stillCurrent tells whether a state read over several turns is still the directory's: kubelet's
   * `..data` still names its version (a version directory never changes), a plain directory
   * probes the same.
   */
  stillCurrent(snapshot: VolumeSnapshot): boolean {
    return probeVolume(this.path) === snapshot.identity;
  }

  /** processed remembers the state just processed. */
  processed(snapshot: VolumeSnapshot): void {
    this.seenIdentity = snapshot.identity;
    this.#lastSnapshot = snapshot;
    this.plainSince = undefined;
    this.brokenSince = undefined;
  }

  /** vanished remembers that the directory is gone. */
  vanished(): void {
    this.seenIdentity = 'missing';
  }
}
