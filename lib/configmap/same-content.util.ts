import type { VolumeSnapshot } from './volume-snapshot.interface.js';

/**
 * sameContent tells whether two reads hold the same keys with the same bytes,
 * the same refusals, problems and warnings: a swap to such a version (a
 * projected volume's other source changed) changes nothing.
 */
export function sameContent(a: VolumeSnapshot, b: VolumeSnapshot | undefined): boolean {
  if (!b || a.entries.size !== b.entries.size || a.refused.size !== b.refused.size) return false;
  // A version that cannot be read at all is not an empty one.
  if (a.problem !== b.problem || a.layoutProblem !== b.layoutProblem) return false;
  for (const [key, entry] of a.entries) {
    const other = b.entries.get(key);
    if (!other || !other.bytes.equals(entry.bytes)) return false;
  }
  for (const [key, reason] of a.refused) if (b.refused.get(key) !== reason) return false;
  return a.warnings.join('\n') === b.warnings.join('\n');
}
