/** REDACTED is what every listing, error, event and log shows instead of a sensitive value. */
export const REDACTED = '[redacted]';

/** The longest refused text an error quotes; longer text is cut with an ellipsis. */
export const MAX_SHOWN_LENGTH = 80;

/**
 * redact is the one place a value becomes displayable text: it returns
 * {@link REDACTED} for sensitive flags and otherwise the text, truncated to
 * {@link MAX_SHOWN_LENGTH} characters.
 */
export function redact(sensitive: boolean, text: string): string {
  if (sensitive) return REDACTED;
  return text.length > MAX_SHOWN_LENGTH ? `${text.slice(0, MAX_SHOWN_LENGTH - 1)}…` : text;
}
