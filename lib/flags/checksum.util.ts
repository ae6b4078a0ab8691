import { createHash } from 'node:crypto';
import type { Flag } from './flag.js';

/**
 * checksumOf hashes the current values of some flags, so that replicas can compare them: SHA-256
 * over `name NUL canonical-value NUL` for each flag, sorted by name (stable across processes and
 * independent of declaration order), first 16 hex digits.
 *
 * A sensitive flag contributes `name NUL NUL sensitive:<source> NUL` instead — its name and the
 * layer serving it, never its value. The checksum is published (status, health, events), and a
 * hash of a short secret, unsalted, is recovered by trying every candidate; a salt or key would
 * have to be shared by every replica and kept secret, which is a secret of its own. So two
 * replicas that differ only in a secret's value have the same checksum; one that lacks the key
 * (serving the default or another layer) or does not declare the flag differs.
 */
export function checksumOf(flags: Iterable<Flag<unknown>>): string {
  const hash = createHash('sha256');
  const sorted = [...flags].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const f of sorted) {
    hash.update(
      f.sensitive ? `${f.name}\0\0sensitive:${f.source}\0` : `${f.name}\0${f.canonical()}\0`,
    );
  }
  return hash.digest('hex').slice(0, 16);
}
