import type { VolumeSnapshot } from './volume-snapshot.interface.js';

/**
 * sameContent tells whether two reads hold the same keys with the same bytes,
 * problems and warnings: a swap to such a version (a projected volume's other
 * source changed) changes nothing. A read with a key refused as a whole (unreadable,
 * over 1 MiB) is never the same: what that key holds is not known, and its
 * refusal is reported once per version.
 */
export function sameContent(a: VolumeSnapshot, b: VolumeSnapshot | undefined): boolean {
  if (!b || a.entries.size !== b.entries.size || a.refused.size > 0 || b.refused.size > 0)
    return false;
  // A version that cannot be read at all is not an empty one.
  if (a.problem !== b.problem || a.layoutProblem !== b.layoutProblem) return false;
  for (const [key, entry] of a.entries) {
    const other = b.entries.get(key);
    if (!other || !other.bytes.equals(entry.bytes)) return false;
  }
  return a.warnings.join('\n') === b.warnings.join('\n');
}
