import type { Flag } from '../flags/flag.js';
import type { VolumeEntry, VolumeSnapshot } from './volume-snapshot.interface.js';

/**
 * UnchangedKeys tells which keys of a new version need neither parsing nor applying: a dynamic
 * flag's key holding the same bytes as in the last version processed, while the flag's
 * `configmap` layer still holds the value parsed from those bytes. Parsing the same bytes again
 * gives the same value (parsers and validators see only the value), so applying it could change
 * nothing; a `kubectl replace` that edits one key of many then parses and applies one.
 *
 * A key is never skipped when it was refused, when its version was rejected, when anything else
 * set the flag's `configmap` layer meanwhile, or for a static flag (whose pending-restart check
 * compares with the value serving).
 */
export class UnchangedKeys {
  // Private fields, not properties: they hold bytes and values (see `Flag`'s).
  /** The entries of the last version processed. */
  #last: ReadonlyMap<string, VolumeEntry> = new Map();
  /** For each flag whose `configmap` layer was set from its entry in `#last`: the value set. */
  readonly #applied = new Map<string, unknown>();

  /** unchanged tells whether this flag's entry in the new version may be skipped. */
  unchanged(flag: Flag<unknown>, entry: VolumeEntry): boolean {
    if (!flag.dynamic || !this.#applied.has(flag.name)) return false;
    const before = this.#last.get(flag.name);
    return (
      before !== undefined &&
      this.#applied.get(flag.name) === flag.valueFrom('configmap') &&
      before.bytes.equals(entry.bytes)
    );
  }

  /**
   * processed records a version once applied: `updated` are the flags it parsed and applied
   * or removed (the others were skipped or kept their value), `kept` whether the updates took
   * effect (not a rejected version), `refused` the flags whose values were refused.
   */
  processed(
    snapshot: VolumeSnapshot,
    updated: readonly Flag<unknown>[],
    kept: boolean,
    refused: readonly string[],
  ): void {
    const refusedNames = refused.length > 0 ? new Set(refused) : undefined;
    for (const flag of updated) {
      const took = kept && flag.dynamic && snapshot.entries.has(flag.name);
      if (took && !refusedNames?.has(flag.name))
        this.#applied.set(flag.name, flag.valueFrom('configmap'));
      else this.#applied.delete(flag.name);
    }
    for (const name of snapshot.refused.keys()) this.#applied.delete(name);
    this.#last = snapshot.entries;
  }
}
