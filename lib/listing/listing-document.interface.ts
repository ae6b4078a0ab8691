import type { ReloadResult } from '../configmap/reload-report.interface.js';
import type { VolumeLayout, WatchMode } from '../configmap/configmap-status.interface.js';
import type { FlagKind } from '../flags/flag-kind.js';
import type { FlagSource } from '../flags/flag-source.js';

/**
 * ListingFlag is one flag of the listing: Go dflag's fields first, with their
 * Go meanings (values as display text, JSON pretty-printed), then typed ones.
 * A sensitive flag shows `[redacted]` in every value field.
 */
export interface ListingFlag {
  readonly name: string;
  readonly description: string;
  /** The current value as text (JSON flags: pretty-printed with two spaces). */
  readonly current_value: string;
  /** The default as text (JSON flags: pretty-printed). */
  readonly default_value: string;
  /**
   * Whether the current value differs from the default. For a sensitive flag:
   * whether a layer other than the default sets it (its value is never
   * compared, so the listing does not tell whether a secret equals its default).
   */
  readonly is_changed: boolean;
  readonly is_dynamic: boolean;
  readonly is_json: boolean;
  readonly type: FlagKind;
  /** The current value as JSON: durations in milliseconds, sets as sorted arrays, bytes as base64. */
  readonly value: unknown;
  /** The default as JSON, like `value`. */
  readonly default: unknown;
  readonly source: FlagSource;
  /** ISO 8601, or null when the value never changed since declaration. */
  readonly last_changed: string | null;
  /** A static flag whose ConfigMap value takes effect on restart. */
  readonly pending_restart: boolean;
  readonly sensitive: boolean;
  /** When the flag's runtime value (see README "Runtime setter") expires, ISO 8601; null when it has none. */
  readonly overridden_until: string | null;
  /** Whether the runtime setter may set this flag (false when the setter is off). */
  readonly settable: boolean;
  /**
   * Every layer holding a value, lowest precedence first, each as JSON like `value`
   * (`[redacted]` for a sensitive flag): what the flag falls back to when a layer goes, e.g.
   * `{"default": 100, "environment": 200, "configmap": 250}` (`dflag diff` reads it).
   */
  readonly layers: Readonly<Partial<Record<FlagSource, unknown>>>;
}

/** ListingConfigMap is the ConfigMap's status, as the listing shows it. */
export interface ListingConfigMap {
  readonly path: string;
  readonly layout: VolumeLayout;
  /** The `..data` target whose values serve. */
  readonly version: string | null;
  /** The newest `..data` target seen. */
  readonly latest_version: string | null;
  readonly latest_refused: boolean;
  readonly generation: number;
  readonly last_result: ReloadResult | null;
  readonly errors: readonly string[];
  readonly warnings: readonly string[];
  readonly pending_restart: readonly string[];
  readonly last_reload_at: string | null;
  readonly last_success_at: string | null;
  readonly watch_mode: WatchMode;
  readonly watcher_error: string | null;
  readonly directory_missing: boolean;
  readonly layout_problem: string | null;
  readonly started_on_fallbacks: boolean;
  readonly ready: boolean;
  readonly refused_at_start: readonly string[];
  /** Keys of the last version that no declared flag has (names only). */
  readonly unknown_keys: readonly string[];
  /** Flags holding a runtime value (the setter's), whichever layer serves. */
  readonly overridden_at_runtime: readonly string[];
}

/** ListingDocument is the listing's JSON (see README "Listing endpoint"). */
export interface ListingDocument {
  readonly checksum_static: string;
  readonly checksum_dynamic: string;
  /** Go's setter URL: the setter's path (with any global prefix) when it is on, else empty. */
  readonly set_url: string;
  readonly flags: readonly ListingFlag[];
  /** The pod's `os.hostname()`. */
  readonly hostname: string;
  /** The DflagModule registration listed. */
  readonly registration: string;
  /** The bound flag set's name. */
  readonly flag_set: string;
  readonly configmap: ListingConfigMap;
  /** The filters applied to `flags` (the checksums and `configmap` are never filtered). */
  readonly filters: { readonly type: 'dynamic' | 'static' | null; readonly only_changed: boolean };
}
