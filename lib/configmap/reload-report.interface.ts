import type { FlagChange } from '../flags/flag-change.interface.js';

/** ReloadResult: `applied` (every key), `partial` (some keys refused), `rejected` (nothing applied). */
export type ReloadResult = 'applied' | 'partial' | 'rejected';

/** What made the engine look at the directory. */
export type ReloadTrigger = 'initialize' | 'watch' | 'periodic' | 'manual';

/** Checksums of the current values, for dynamic and static flags separately. */
export interface FlagChecksums {
  readonly dynamic: string;
  readonly static: string;
}

/** ReloadReport describes one ConfigMap version the engine processed. */
export interface ReloadReport {
  /** Counts processed versions, starting at 1 for the initial load. */
  readonly generation: number;
  readonly result: ReloadResult;
  /** Every flag whose value really changed (none for the initial load's report to listeners). */
  readonly changes: readonly FlagChange[];
  /** One message per refused value (flag, file, reason; values redacted when sensitive). */
  readonly errors: readonly string[];
  /** Unknown keys, skipped entries, static flags pending restart. */
  readonly warnings: readonly string[];
  readonly checksums: FlagChecksums;
  /** How long reading, validating and applying took, in milliseconds. */
  readonly durationMs: number;
  readonly at: Date;
  readonly trigger: ReloadTrigger;
  /** The `..data` target read (kubelet layout), or undefined for a plain directory. */
  readonly version: string | undefined;
}
