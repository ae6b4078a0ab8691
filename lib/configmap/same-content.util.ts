import type { VolumeSnapshot } from './volume-snapshot.interface.js';

/**
 * sameContent tells whether two reads hold the same keys with the same bytes,
 * problems and warnings: a swap to such a version (a projected volume's other
 * source changed, or a nested `items` file) changes nothing. A read with a key refused as a
 * whole for its content (unreadable, over 1 MiB) is never the same: what that key holds is not
 * known, and its refusal is reported once per version. Entries skipped for what they are (a
 * subdirectory, a FIFO: see `VolumeSnapshot.skipped`) are the same when refused alike; keys no
 * flag declares, listed unread (see `VolumeEntry.unread`), when they are there in both.
 */
export function sameContent(a: VolumeSnapshot, b: VolumeSnapshot | undefined): boolean {
  if (!b || a.entries.size !== b.entries.size || !sameSkipped(a, b)) return false;
  // A version that cannot be read at all is not an empty one.
  if (a.problem !== b.problem || a.layoutProblem !== b.layoutProblem) return false;
  for (const [key, entry] of a.entries) {
    const other = b.entries.get(key);
    // A key read in one and listed unread in the other (a flag declared since) is not the same.
    if (!other || other.unread !== entry.unread || !other.bytes.equals(entry.bytes)) return false;
  }
  return a.warnings.join('\n') === b.warnings.join('\n');
}

/** sameSkipped: every refusal of both reads is a skip, the same names refused in the same words. */
function sameSkipped(a: VolumeSnapshot, b: VolumeSnapshot): boolean {
  if (a.refused.size !== b.refused.size) return false;
  for (const [name, reason] of a.refused) {
    if (!a.skipped?.has(name) || !b.skipped?.has(name) || b.refused.get(name) !== reason)
      return false;
  }
  return true;
}
