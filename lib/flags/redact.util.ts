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

/** The shortest run of a secret's text that, found in a message, withholds the message. */
const QUOTE_WINDOW = 4;

/** WITHHELD_REASON replaces a reason that quotes a sensitive value. */
export const WITHHELD_REASON =
  'the reason is not shown because it quotes the value of a sensitive flag';

/**
 * redactReason guards why-a-value-was-refused text: a validator's or
 * parser's message may quote the value, whole, in part or changed in case.
 * For a sensitive flag, a reason holding any run of 4 characters of any form
 * of the value (its text; for bytes also base64 and hex), compared without
 * case, is replaced by {@link WITHHELD_REASON}.
 */
export function redactReason(sensitive: boolean, reason: string, ...forms: string[]): string {
  if (!sensitive) return reason;
  const said = reason.toLowerCase();
  for (const form of forms) {
    const text = form.trim().toLowerCase();
    const window = Math.min(QUOTE_WINDOW, text.length);
    for (let i = 0; window > 0 && i + window <= text.length; i++) {
      if (said.includes(text.slice(i, i + window))) return WITHHELD_REASON;
    }
  }
  return reason;
}
