import type { ConfigMapStatus } from '../configmap/configmap-status.interface.js';
import type { Flag } from '../flags/flag.js';
import type { FlagSet } from '../flags/flag-set.js';
import type { FlagSource } from '../flags/flag-source.js';
import { FLAG_SOURCES } from '../flags/flag-source.js';
import { flagJsonValue, flagText } from './flag-json-value.util.js';
import type {
  ListingConfigMap,
  ListingDocument,
  ListingFlag,
} from './listing-document.interface.js';
import type { ListingQuery } from './listing-query.interface.js';
import type { RuntimeOverrides } from '../runtime/runtime-overrides.js';

const iso = (date: Date | undefined): string | null => date?.toISOString() ?? null;

/** isChanged: see `ListingFlag.is_changed` (a sensitive flag's value is never compared). */
const isChanged = (flag: Flag<unknown>): boolean =>
  flag.sensitive ? flag.source !== 'default' : !flag.equals(flag.get(), flag.defaultValue);

/** layersOf lists the layers holding a value, lowest first (see `ListingFlag.layers`). */
function layersOf(flag: Flag<unknown>): Partial<Record<FlagSource, unknown>> {
  const layers: Partial<Record<FlagSource, unknown>> = {};
  for (const source of FLAG_SOURCES) {
    const value = flag.valueFrom(source);
    if (value !== undefined) layers[source] = flagJsonValue(flag, value);
  }
  return layers;
}

function toListingFlag(
  flag: Flag<unknown>,
  pending: ReadonlySet<string>,
  runtime: ListingRuntime | undefined,
): ListingFlag {
  return {
    name: flag.name,
    description: flag.description,
    current_value: flagText(flag, flag.get()),
    default_value: flagText(flag, flag.defaultValue),
    is_changed: isChanged(flag),
    is_dynamic: flag.dynamic,
    is_json: flag.kind === 'json',
    type: flag.kind,
    value: flagJsonValue(flag, flag.get()),
    default: flagJsonValue(flag, flag.defaultValue),
    source: flag.source,
    last_changed: iso(flag.lastChanged),
    pending_restart: pending.has(flag.name),
    sensitive: flag.sensitive,
    overridden_until: iso(runtime?.overrides.overriddenUntil(flag.name)),
    settable: runtime?.overrides.allowedNames.includes(flag.name) ?? false,
    layers: layersOf(flag),
  };
}

/** toListingConfigMap gives the ConfigMap's status in the listing's (snake_case, null for none) form. */
export function toListingConfigMap(status: ConfigMapStatus): ListingConfigMap {
  return {
    path: status.path,
    layout: status.layout,
    version: status.version ?? null,
    latest_version: status.latestVersion ?? null,
    latest_refused: status.latestRefused,
    generation: status.generation,
    last_result: status.lastResult ?? null,
    errors: status.errors,
    warnings: status.warnings,
    pending_restart: status.pendingRestart,
    last_reload_at: iso(status.lastReloadAt),
    last_success_at: iso(status.lastSuccessAt),
    watch_mode: status.watchMode,
    watcher_error: status.watcherError ?? null,
    directory_missing: status.directoryMissing,
    layout_problem: status.layoutProblem ?? null,
    started_on_fallbacks: status.startedOnFallbacks,
    ready: status.ready,
    refused_at_start: status.refusedAtStart,
    unknown_keys: status.unknownKeys,
    overridden_at_runtime: status.overriddenAtRuntime,
  };
}

/** ListingInput is what a listing is made of: one registration's set and status, and where it runs. */
export interface ListingInput {
  readonly flagSet: FlagSet;
  readonly status: ConfigMapStatus;
  readonly registration: string;
  readonly hostname: string;
  /** The setter, when it is on: its path (as the request reached the listing) and its values. */
  readonly runtime?: ListingRuntime | undefined;
}

/** ListingRuntime is what the listing shows of the setter. */
export interface ListingRuntime {
  readonly setUrl: string;
  readonly overrides: RuntimeOverrides;
}

/**
 * buildListing describes a registration's flags, sorted by name (as Go's
 * `VisitAll` lists them), filtered by the query; checksums and status are
 * of the whole set.
 */
export function buildListing(input: ListingInput, query: ListingQuery): ListingDocument {
  const pending = new Set(input.status.pendingRestart);
  const flags = [...input.flagSet]
    .filter((flag) => query.type === undefined || flag.dynamic === (query.type === 'dynamic'))
    .filter((flag) => !query.onlyChanged || isChanged(flag))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((flag) => toListingFlag(flag, pending, input.runtime));
  return {
    checksum_static: input.status.checksums.static,
    checksum_dynamic: input.status.checksums.dynamic,
    set_url: input.runtime?.setUrl ?? '',
    flags,
    hostname: input.hostname,
    registration: input.registration,
    flag_set: input.flagSet.name,
    configmap: toListingConfigMap(input.status),
    filters: { type: query.type ?? null, only_changed: query.onlyChanged },
  };
}
