import { CliUsageError } from './cli-usage.error.js';
import { diffMessages } from './diff-messages.constant.js';

/** An HTTP header name: a token of RFC 9110. */
const HEADER = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+):[ \t]*(.*?)[ \t]*$/s;

/**
 * parseHeaderOptions reads `-H "Name: value"` options as curl takes them.
 *
 * @throws CliUsageError naming the option by its position, never quoting it (a credential)
 */
export function parseHeaderOptions(headers: readonly string[]): [string, string][] {
  return headers.map((header, index) => {
    const match = HEADER.exec(header);
    // eslint-disable-next-line no-control-regex -- a value must not hold a line break or NUL
    if (match === null || /[\r\n\u0000]/.test(match[2] ?? '')) {
      throw new CliUsageError(diffMessages.badHeader(index + 1));
    }
    return [match[1] as string, match[2] as string];
  });
}
