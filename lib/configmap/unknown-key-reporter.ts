import { messages } from '../errors/messages.constant.js';
import type { DflagLogger } from './dflag-logger.interface.js';
import type { ApplyOutcome } from './apply-snapshot.js';
import type { VolumeSnapshot } from './volume-snapshot.interface.js';

/** More new unknown keys than this in one version are logged in one line. */
const MAX_SEPARATE_LINES = 10;

/**
 * UnknownKeyReporter logs each unknown key once per key and version, so that
 * a key meant for a newer release does not repeat at every reload.
 */
export class UnknownKeyReporter {
  /** Unknown key → the identity it was last reported for. */
  private readonly reported = new Map<string, string>();

  constructor(private readonly logger: DflagLogger) {}

  report(snapshot: VolumeSnapshot, outcome: ApplyOutcome): void {
    for (const key of this.reported.keys()) {
      if (!outcome.unknownKeys.includes(key)) this.reported.delete(key);
    }
    const fresh: string[] = [];
    for (const key of outcome.unknownKeys) {
      if (this.reported.get(key) === snapshot.identity) continue;
      this.reported.set(key, snapshot.identity);
      fresh.push(snapshot.entries.get(key)?.file ?? key);
    }
    // A few are named one per line; thousands (a misplaced mount) in one line.
    if (fresh.length > MAX_SEPARATE_LINES) {
      this.logger.warn(messages.unknownKeys(fresh.length, fresh.slice(0, MAX_SEPARATE_LINES)));
    } else for (const file of fresh) this.logger.warn(messages.unknownKey(file));
  }
}
