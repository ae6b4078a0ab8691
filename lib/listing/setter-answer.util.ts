import { formatDuration } from '../flags/codecs/duration.codec.js';
import type { Flag } from '../flags/flag.js';
import type { FlagSource } from '../flags/flag-source.js';
import type { RuntimeOverride } from '../runtime/runtime-overrides.js';
import { flagText } from './flag-json-value.util.js';

/** SetAnswer is the setter's answer to a set: what serves now, until when, by whom, on which pod. */
export interface SetAnswer {
  /** The flag set. */
  readonly name: string;
  /** The value serving now, as text (`[redacted]` for a sensitive flag). */
  readonly value: string;
  /** The layer serving: `runtime`, or `override` when code or the test kit holds one above it. */
  readonly source: FlagSource;
  /** When the runtime value expires (ISO 8601). */
  readonly until: string;
  /** The ttl it was set for, in duration syntax. */
  readonly ttl: string;
  /** Who set it, as the guard named the caller (`null` when no guard attached a principal). */
  readonly set_by: string | null;
  /** The pod (its `os.hostname()`): a request reaches one pod only. */
  readonly hostname: string;
}

/** ClearAnswer is the setter's answer to a clear: what serves now, on which pod. */
export interface ClearAnswer {
  /** The flag cleared. */
  readonly name: string;
  /** The value serving now, as text (`[redacted]` for a sensitive flag). */
  readonly value: string;
  /** The layer serving now (the ConfigMap's, usually). */
  readonly source: FlagSource;
  /** Whether a runtime value was removed (false: the flag had none; nothing changed). */
  readonly cleared: boolean;
  /** Who cleared it, as the guard named the caller (`null` when no guard attached a principal). */
  readonly cleared_by: string | null;
  /** The pod (its `os.hostname()`): a request reaches one pod only. */
  readonly hostname: string;
}

/** setAnswer describes a set that was applied. */
export function setAnswer(
  flag: Flag<unknown>,
  override: RuntimeOverride,
  hostname: string,
): SetAnswer {
  return {
    name: flag.name,
    value: flagText(flag, flag.get()),
    source: flag.source,
    until: override.until.toISOString(),
    ttl: formatDuration(override.ttlMs),
    set_by: override.setBy ?? null,
    hostname,
  };
}

/** clearAnswer describes a clear. */
export function clearAnswer(
  flag: Flag<unknown>,
  cleared: boolean,
  principal: string | undefined,
  hostname: string,
): ClearAnswer {
  return {
    name: flag.name,
    value: flagText(flag, flag.get()),
    source: flag.source,
    cleared,
    cleared_by: principal ?? null,
    hostname,
  };
}
