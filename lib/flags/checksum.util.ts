import { createHash } from 'node:crypto';
import type { Flag } from './flag.js';

/**
 * checksumOf hashes the current values of some flags: SHA-256 over
 * `name NUL canonical-value NUL`, sorted by name, so that it is stable across
 * processes and independent of declaration order (replicas can compare it).
 * Returns the first 16 hex digits.
 */
export function checksumOf(flags: Iterable<Flag<unknown>>): string {
  const hash = createHash('sha256');
  const sorted = [...flags].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const f of sorted) hash.update(`${f.name}\0${f.canonical()}\0`);
  return hash.digest('hex').slice(0, 16);
}
