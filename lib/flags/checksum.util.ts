import { createHash, hash } from 'node:crypto';
import type { Hash } from 'node:crypto';
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
  let text = '';
  for (const f of sortedByName([...flags])) text += textOf(f);
  // One call over the whole text: a Hash object and a call per flag cost more than the hashing.
  return hash('sha256', text, 'hex').slice(0, 16);
}

/** textOf is what one flag adds to the hashed text: never a sensitive flag's value. */
const textOf = (f: Flag<unknown>): string =>
  f.sensitive ? `${f.name}\0\0sensitive:${f.source}\0` : `${f.name}\0${f.canonical()}\0`;

/** How many flags' texts go to the hash between two looks at the clock (`checksumSteps`). */
const FLAGS_PER_STEP = 64;

/**
 * How many characters of text go to the hash in one call (`checksumSteps`): a 1 MiB JSON value's
 * canonical text of lone surrogates, encoded and hashed in one call, took 3–4 ms.
 */
const CHARS_PER_UPDATE = 64 * 1024;

const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;

/**
 * fed hashes a text {@link CHARS_PER_UPDATE} characters at a time, looking at `pause()` between
 * parts; a part never ends between the two halves of a surrogate pair (each would be encoded
 * alone, as U+FFFD), so the bytes hashed are the text's UTF-8 whatever the parts.
 */
function* fed(digest: Hash, text: string, pause: () => boolean): Generator<void, void, void> {
  for (let from = 0; from < text.length;) {
    let to = Math.min(from + CHARS_PER_UPDATE, text.length);
    if (to < text.length && isHighSurrogate(text.charCodeAt(to - 1))) to++;
    digest.update(from === 0 && to === text.length ? text : text.slice(from, to));
    from = to;
    if (from < text.length && pause()) yield;
  }
}

/**
 * checksumSteps is {@link checksumOf} over flags already sorted by name, pausing when `pause()`
 * says the turn's share is spent: the same text fed to the hash in pieces, so the same checksum.
 * A thousand 1 KiB values are ~1 MiB to hash, milliseconds in one turn otherwise; so is one
 * 1 MiB value, fed in parts of {@link CHARS_PER_UPDATE} characters — as it is, never joined to
 * the text around it (a 1 MiB text joined to its name was copied whole by the first part's
 * `slice`, ~1 ms inside that step).
 */
export function* checksumSteps(
  sorted: readonly Flag<unknown>[],
  pause: () => boolean,
): Generator<void, string, void> {
  const values = sorted.map((f) => (f.sensitive ? undefined : f.canonical()));
  let length = 0;
  for (const value of values) length += value?.length ?? 0;
  if (sorted.length <= FLAGS_PER_STEP && length <= CHARS_PER_UPDATE) return checksumOf(sorted);
  const digest = createHash('sha256');
  let text = '';
  for (let i = 0; i < sorted.length; i++) {
    const f = sorted[i] as Flag<unknown>;
    const value = values[i];
    if (value === undefined) text += textOf(f);
    else if (value.length < CHARS_PER_UPDATE) text += `${f.name}\0${value}\0`;
    else {
      // The bytes are the same: a part ends at the name's NUL, and the value's own at its end.
      yield* fed(digest, `${text}${f.name}\0`, pause);
      yield* fed(digest, value, pause);
      text = '\0';
    }
    if ((i + 1) % FLAGS_PER_STEP === 0 || text.length >= CHARS_PER_UPDATE) {
      yield* fed(digest, text, pause);
      text = '';
      if (pause()) yield;
    }
  }
  yield* fed(digest, text, pause);
  return digest.digest('hex').slice(0, 16);
}

/** sortedByName sorts flags by name in place, as checksums take them, and returns them. */
export function sortedByName(flags: Array<Flag<unknown>>): Array<Flag<unknown>> {
  return flags.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
