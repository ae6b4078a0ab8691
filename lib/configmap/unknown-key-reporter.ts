import { messages } from '../errors/messages.constant.js';
import type { DflagLogger } from './dflag-logger.interface.js';
import type { ApplyOutcome } from './apply-snapshot.js';
import type { VolumeSnapshot } from './volume-snapshot.interface.js';

/** More new unknown keys than this in one version are logged in one line. */
const MAX_SEPARATE_LINES = 10;

/**
 * UnknownKeyReporter logs each unknown key, and each entry no flag is declared for that was
 * skipped (a subdirectory — kubelet's nested `items` paths —, a FIFO, a link leaving the volume),
 * once per key and version, so that a key meant for a newer release does not repeat at every
 * reload. (A declared flag's refused key is an error, logged with the others.)
 */
export class UnknownKeyReporter {
  /** Unknown key → the identity it was last reported for. */
  private readonly reported = new Map<string, string>();
  /** Skipped entry → the identity it was last reported for. */
  private readonly skipped = new Map<string, string>();

  constructor(private readonly logger: DflagLogger) {}

  report(snapshot: VolumeSnapshot, outcome: ApplyOutcome): void {
    const fresh = freshSince(this.reported, outcome.unknownKeys, snapshot.identity);
    const files = fresh.map((key) => snapshot.entries.get(key)?.file ?? key);
    // A few are named one per line; thousands (a misplaced mount) in one line.
    if (files.length > MAX_SEPARATE_LINES) {
      this.logger.warn(messages.unknownKeys(files.length, files.slice(0, MAX_SEPARATE_LINES)));
    } else for (const file of files) this.logger.warn(messages.unknownKey(file));

    const undeclared = [...snapshot.refused.keys()].filter(
      (key) => !outcome.refusedFlags.includes(key),
    );
    const skipped = freshSince(this.skipped, undeclared, snapshot.identity);
    if (skipped.length > MAX_SEPARATE_LINES) {
      this.logger.warn(messages.skippedKeys(skipped.length, skipped.slice(0, MAX_SEPARATE_LINES)));
    } else {
      for (const key of skipped) {
        this.logger.warn(messages.skippedKey(snapshot.refused.get(key) as string));
      }
    }
  }
}

/**
 * freshSince returns the keys not yet reported for this identity, and remembers them; keys no
 * longer there are forgotten (reported again if they come back).
 */
function freshSince(
  reported: Map<string, string>,
  keys: readonly string[],
  identity: string,
): string[] {
  for (const key of reported.keys()) if (!keys.includes(key)) reported.delete(key);
  const fresh: string[] = [];
  for (const key of keys) {
    if (reported.get(key) === identity) continue;
    reported.set(key, identity);
    fresh.push(key);
  }
  return fresh;
}
