import type { FlagSource } from '../flags/flag-source.js';

/** ListingFlagView is the part of a listing's flag that `dflag diff` reads (checked on arrival). */
export interface ListingFlagView {
  readonly name: string;
  readonly type: string;
  readonly is_dynamic: boolean;
  readonly sensitive: boolean;
  readonly source: FlagSource;
  /** The current value in listing form (`[redacted]` for a sensitive flag). */
  readonly value: unknown;
  /** The default in listing form (`[redacted]` for a sensitive flag). */
  readonly default: unknown;
  readonly overridden_until: string | null;
  /** Every layer holding a value; undefined when the pod's release does not list them. */
  readonly layers: Readonly<Partial<Record<FlagSource, unknown>>> | undefined;
}

/** ListingTarget is a pod, as its listing describes it. */
export interface ListingTarget {
  readonly kind: 'listing';
  /** ListingTarget.url is the listing's URL, as given. */
  readonly url: string;
  readonly hostname: string;
  readonly registration: string;
  readonly flagSet: string;
  /** ListingTarget.flags are the pod's declared flags, by name. */
  readonly flags: ReadonlyMap<string, ListingFlagView>;
  /** ListingTarget.unknownKeys are the keys of the pod's ConfigMap that no flag declares. */
  readonly unknownKeys: ReadonlySet<string>;
  /** ListingTarget.podWarnings say why the pod may not apply a change as shown (`podWarningsOf`). */
  readonly podWarnings: readonly string[];
}

/** DirectoryTarget is a mounted ConfigMap (or plain) directory, as the engine reads it. */
export interface DirectoryTarget {
  readonly kind: 'directory';
  /** DirectoryTarget.path is the directory, as given. */
  readonly path: string;
  readonly layout: 'kubelet' | 'plain';
  readonly version: string | null;
  /** DirectoryTarget.entries holds each key's bytes. */
  readonly entries: ReadonlyMap<string, Uint8Array>;
  /** DirectoryTarget.unreadable holds the keys that could not be read, with why. */
  readonly unreadable: ReadonlyMap<string, string>;
  /** DirectoryTarget.warnings are the reader's (entries skipped, a broken layout). */
  readonly warnings: readonly string[];
}

/** DiffTarget is what a manifest is compared with. */
export type DiffTarget = ListingTarget | DirectoryTarget;
