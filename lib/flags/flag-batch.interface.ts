import type { FlagChange } from './flag-change.interface.js';

/**
 * FlagBatch is what one `FlagSet.apply()` changed, as its batch listeners
 * receive it: every real change of the batch, in the order of its updates, and the
 * batch's `tag` (who made it: the ConfigMap engine and the test kit's engine
 * tag the versions they apply with themselves; anything else is untagged).
 */
export interface FlagBatch {
  /** The real changes, in the order of the batch's updates (a ConfigMap version: declaration order); never empty. */
  readonly changes: readonly FlagChange[];
  /** The `BatchOptions.tag` the batch was applied with. */
  readonly tag: unknown;
}

/** FlagBatchListener receives every batch of a flag set that changed at least one value. */
export type FlagBatchListener = (batch: FlagBatch) => void;
