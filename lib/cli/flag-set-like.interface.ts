import type { BatchOptions } from '../flags/flag-set.js';
import type { FlagUpdate } from '../flags/flag-update.interface.js';

/** FlagLike is what `dflag validate` reads of a flag, whichever copy of the package declared it. */
export interface FlagLike {
  /** FlagLike.name is the flag's name, its ConfigMap key. */
  readonly name: string;
  /** FlagLike.dynamic tells whether the flag follows the ConfigMap after start. */
  readonly dynamic: boolean;
  /** FlagLike.sensitive tells whether the value is a secret, never to be shown. */
  readonly sensitive: boolean;
  /** FlagLike.kind is the flag's type (`int`, `duration`, …), which `--go-compat` reads by. */
  readonly kind?: string;
}

/**
 * FlagSetLike is the part of a `FlagSet` that `dflag validate` uses. The application's flags module
 * may load another copy of nestjs-dflag than the CLI's own (another `node_modules`), whose sets
 * are not `instanceof` the CLI's `FlagSet` class but have the same shape.
 */
export interface FlagSetLike extends Iterable<FlagLike> {
  /** FlagSetLike.name names the set in messages. */
  readonly name: string;
  /** FlagSetLike.find returns the flag of that name, or undefined. */
  find(name: string): FlagLike | undefined;
  /** FlagSetLike.apply runs a batch; with `dryRun` it only parses and validates. */
  apply(
    updates: Iterable<FlagUpdate>,
    options?: BatchOptions,
  ): { readonly errors: readonly unknown[] };
}

/** ExportedFlagSet is a flag set found among a module's exports, with the export's name. */
export interface ExportedFlagSet {
  /** ExportedFlagSet.exportName is the name it is exported under (`default` for the default export). */
  readonly exportName: string;
  /** ExportedFlagSet.set is the flag set itself. */
  readonly set: FlagSetLike;
}
