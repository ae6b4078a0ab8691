import type { ManifestKind } from '../configmap/manifest/configmap-manifest.interface.js';
import type { FlagSource } from '../flags/flag-source.js';

/**
 * DiffStatus is what applying the manifest would do to one key on the pod:
 * - `unchanged`: the key holds the same value (compared typed when the flag's type is known);
 * - `changed`: the value the pod uses would change (a new key, or a new value);
 * - `refused`: the new value would be refused (parser or validator), the pod keeping its value;
 * - `removed`: the key would go, and the flag fall back to a lower layer (see `new`);
 * - `unknown`: no flag of that name is declared, so the pod ignores the key;
 * - `undetermined`: a sensitive key present in both, against a listing (which never shows a
 *   sensitive value, nor any form of it): whether it changes cannot be told.
 */
export type DiffStatus =
  'unchanged' | 'changed' | 'refused' | 'removed' | 'unknown' | 'undetermined';

/** DIFF_STATUSES lists the statuses in the order the summary counts them. */
export const DIFF_STATUSES: readonly DiffStatus[] = Object.freeze([
  'changed',
  'refused',
  'removed',
  'undetermined',
  'unknown',
  'unchanged',
]);

/** DiffValue is one value of a key, as display text, and the layer it comes from. */
export interface DiffValue {
  /**
   * DiffValue.value is the display text (durations as `1m30s`, sets and lists comma-separated,
   * JSON compact, bytes as base64); `[redacted]` for a sensitive flag; null when it is not known
   * (against a directory without --flags, a removed key's fallback).
   */
  readonly value: string | null;
  /**
   * DiffValue.source is the layer: `configmap` for a value the key holds; the layer serving
   * when the key is absent (`default`, `environment`, `command-line`, or `runtime`/`override`
   * above the ConfigMap); null when not known.
   */
  readonly source: FlagSource | null;
}

/** DiffEntry is one key of a diff (the JSON of `dflag diff --json`, one per key). */
export interface DiffEntry {
  /** DiffEntry.key is the ConfigMap key (the flag's name). */
  readonly key: string;
  /** DiffEntry.status says what applying would do to it (see {@link DiffStatus}). */
  readonly status: DiffStatus;
  /**
   * DiffEntry.restart is true for a static flag whose value would change: it takes effect when
   * the pod restarts, not at kubelet's next sync.
   */
  readonly restart: boolean;
  /** DiffEntry.sensitive is true when every value of the key is redacted (a sensitive flag, a Secret's key). */
  readonly sensitive: boolean;
  /** DiffEntry.dynamic tells whether the flag follows the ConfigMap; null when not known. */
  readonly dynamic: boolean | null;
  /**
   * DiffEntry.old is the value the pod uses now: the key's, or the layer serving when the key is
   * absent; null for an unknown key (its value means nothing to the pod and is not shown).
   */
  readonly old: DiffValue | null;
  /**
   * DiffEntry.new is the value the pod would use: the manifest's (for `refused`, the refused one);
   * for `removed`, the fallback; null for an unknown key.
   */
  readonly new: DiffValue | null;
  /** DiffEntry.reason says why the value is refused (`refused` only; else null). */
  readonly reason: string | null;
  /** DiffEntry.notes says more: a value written differently, a runtime value serving meanwhile… */
  readonly notes: readonly string[];
}

/** DiffAgainst describes what the diff compared with: a pod's listing, or a directory. */
export type DiffAgainst =
  | {
      readonly kind: 'listing';
      /** The listing URL, as given. */
      readonly url: string;
      /** The pod's host name, the registration and the flag set the listing describes. */
      readonly hostname: string;
      readonly registration: string;
      readonly flag_set: string;
      /**
       * Why the pod may not apply the change as shown: it does not watch, its directory or
       * layout is broken, it refused its latest version or some keys, it is not ready. Empty
       * when it follows its ConfigMap.
       */
      readonly pod_warnings: readonly string[];
    }
  | {
      readonly kind: 'directory';
      /** The directory, as given. */
      readonly path: string;
      /** `kubelet` (a `..data` symlink) or `plain`. */
      readonly layout: 'kubelet' | 'plain';
      /** The `..data` target read (kubelet layout), else null. */
      readonly version: string | null;
    };

/**
 * DiffReport is the whole of `dflag diff --json` (`version` 1: fields are only ever added).
 */
export interface DiffReport {
  /** DiffReport.version is the shape's version, 1. */
  readonly version: 1;
  /** DiffReport.against is the pod (listing) or directory compared with. */
  readonly against: DiffAgainst;
  /** DiffReport.sources lists the ConfigMaps and Secrets read, in the order given. */
  readonly sources: readonly { readonly kind: ManifestKind; readonly name: string }[];
  /**
   * DiffReport.compared says how values were checked: `flags` (parsed and validated with the
   * --flags declarations), `types` (parsed by the listing's types, validators not run), `text`
   * (compared as text).
   */
  readonly compared: 'flags' | 'types' | 'text';
  /** DiffReport.keys holds one entry per key of the manifest or the target, sorted by key. */
  readonly keys: readonly DiffEntry[];
  /** DiffReport.counts counts the keys of each status. */
  readonly counts: Readonly<Record<DiffStatus, number>>;
  /** DiffReport.differs is true when applying would change anything (the exit code is then 1). */
  readonly differs: boolean;
}
