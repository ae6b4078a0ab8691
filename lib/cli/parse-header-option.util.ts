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
    // A value holds what an HTTP field value may (RFC 9110: tab, visible characters, octets over
    // 0x7F): a line break, another control character or a character over U+00FF would only fail
    // once sent, as an unreachable pod.
    if (match === null || /[^\t\x20-\x7e\x80-\xff]/.test(match[2] ?? '')) {
      throw new CliUsageError(diffMessages.badHeader(index + 1));
    }
    return [match[1] as string, match[2] as string];
  });
}
