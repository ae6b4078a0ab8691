import { escapeText } from '../errors/escape-text.util.js';
import type { FlagChange } from '../flags/flag-change.interface.js';
import type { FlagSet } from '../flags/flag-set.js';
import { REDACTED } from '../flags/redact.util.js';

/** ShownChange is one change as the change line and its fields show it: redacted, shortened, escaped. */
export interface ShownChange {
  readonly name: string;
  readonly previous: string;
  readonly current: string;
  readonly source: string;
}

/**
 * showChange turns a change into displayable text: `[redacted]` for a sensitive flag, else the
 * flag's text form (`Flag.format`: cut to `MAX_SHOWN_LENGTH` characters), escaped after cutting
 * so that an escape is never cut in half.
 */
export function showChange(change: FlagChange, flagSet: FlagSet): ShownChange {
  const flag = flagSet.find(change.name);
  const text = (value: unknown): string => {
    // `format` redacts a sensitive flag and cuts long text; a flag no longer found shows nothing.
    if (change.sensitive || !flag) return REDACTED;
    return escapeText(flag.format(value));
  };
  return {
    name: escapeText(change.name),
    previous: text(change.previous),
    current: text(change.current),
    source: change.source,
  };
}

/** changeText is the `name: old → new` item of a change line. */
export const changeText = (shown: ShownChange): string =>
  `${shown.name}: ${shown.previous} → ${shown.current}`;
