/** REDACTED is what every listing, error, event and log shows instead of a sensitive value. */
export const REDACTED = '[redacted]';

/** The longest refused text an error quotes; longer text is cut with an ellipsis. */
export const MAX_SHOWN_LENGTH = 80;

/**
 * redact is the one place a value becomes displayable text: it returns
 * {@link REDACTED} for sensitive flags and otherwise the text, truncated to
 * `MAX_SHOWN_LENGTH` characters.
 */
export function redact(sensitive: boolean, text: string): string {
  if (sensitive) return REDACTED;
  return text.length > MAX_SHOWN_LENGTH ? `${text.slice(0, MAX_SHOWN_LENGTH - 1)}…` : text;
}

/** WITHHELD_REASON is what stands for a reason about a sensitive value. */
export const WITHHELD_REASON = 'the reason is not shown for a sensitive flag';

/**
 * redactReason guards why-a-value-was-refused text that came from a validator or a parser: it
 * may quote the value — whole, in part, or in a derived form (the parsed number, a decoded JSON
 * string, one list item or field) that no comparison with the raw text can catch. So for a
 * sensitive flag the reason is always replaced by {@link WITHHELD_REASON}; the other arguments
 * (the forms of the value, once compared) are ignored. The flags themselves say, for a sensitive
 * flag, only what the library knows in its own words (e.g. "rejected by the validator").
 */
export function redactReason(sensitive: boolean, reason: string, ..._forms: string[]): string {
  return sensitive ? WITHHELD_REASON : reason;
}
