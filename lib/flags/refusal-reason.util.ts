import { errorMessage } from '../errors/error-message.util.js';
import { messages } from '../errors/messages.constant.js';
import { CodecError } from './codecs/flag-codec.interface.js';
import type { ValidatorRefusal } from './validators/validation-outcome.interface.js';

/**
 * validatorReason says why a validator refused a value. For a sensitive flag it uses the
 * library's own words only — that the validator refused it or threw, not how many issues (one per
 * bad item or field tells the value's shape) — never text the validator produced, which may quote
 * the value whole, in part or in a derived form (a parsed number, a decoded JSON string, one list
 * item, one field).
 */
export function validatorReason(refusal: ValidatorRefusal, sensitive: boolean): string {
  switch (refusal.kind) {
    case 'issues':
      return messages.validatorIssues(refusal.issues, sensitive);
    case 'refused':
      // For a sensitive flag, the same words as issues: which of the two a validator gave may
      // depend on the value (`false` for one kind of bad value, a message for another).
      return sensitive ? messages.validatorIssues([], true) : messages.validatorRefused;
    case 'threw':
      return messages.validatorThrew(sensitive ? undefined : errorMessage(refusal.thrown));
    case 'async':
      return messages.validatorAnsweredLater;
  }
}

/**
 * parseReason says why a codec refused a text: its own reason ("not an integer"), with the
 * parser's detail (which may quote the text, as JSON.parse's does) only for a flag that is not
 * sensitive. Anything else a codec throws is reported as a failed check.
 */
export function parseReason(error: unknown, sensitive: boolean): string {
  if (error instanceof CodecError) {
    return messages.codecRefused(error.message, sensitive ? undefined : error.detail);
  }
  return checkFailedReason(error, sensitive);
}

/** checkFailedReason: checking a value threw where nothing should (a getter of a schema's output). */
export function checkFailedReason(error: unknown, sensitive: boolean): string {
  return messages.checkFailed(sensitive ? undefined : errorMessage(error));
}
