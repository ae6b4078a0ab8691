import type { Flag } from '../flags/flag.js';
import { REDACTED } from '../flags/redact.util.js';

/**
 * flagJsonValue gives a flag's value as JSON for the listing's typed fields:
 * sets as sorted arrays, bytes as base64, durations in milliseconds, the
 * other kinds as they are; {@link REDACTED} for a sensitive flag.
 */
export function flagJsonValue(flag: Flag<unknown>, value: unknown): unknown {
  if (flag.sensitive) return REDACTED;
  switch (flag.kind) {
    case 'set':
      return [...(value as ReadonlySet<string>)].sort();
    case 'bytes':
      return flag.formatWhole(value);
    default:
      return value;
  }
}

/** flagText gives a value as Go dflag's listing does: display text, JSON pretty-printed. */
export function flagText(flag: Flag<unknown>, value: unknown): string {
  if (flag.kind === 'json' && !flag.sensitive) return JSON.stringify(value, null, 2);
  return flag.formatWhole(value);
}
