/**
 * The characters that could forge or disguise a log line when printed raw: C0 controls (newline,
 * carriage return, escape…), DEL, C1 controls (NEL, CSI…), the bidirectional controls (ALM, LRM,
 * RLM, U+202A–U+202E, U+2066–U+2069), the line and paragraph separators, and lone surrogates
 * (text cut inside a pair). Everything else, backslashes and quotes included, is kept.
 */
const UNSAFE =
  // eslint-disable-next-line no-control-regex -- control characters are what it finds
  /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Text of printable ASCII characters only (and the ellipsis that ends shortened text), which
 * {@link UNSAFE} never matches.
 */
const PRINTABLE_ASCII = /^[\x20-\x7e\u2026]*$/;

const SHORT: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * escapeText makes text taken from outside (a file name, a value, a parser's message) safe to
 * put into one line of a log or a terminal: each unsafe character (see {@link UNSAFE}) becomes
 * a visible escape (`\n`, `\r`, `\t`, else `\uXXXX`), so that whoever writes the volume cannot
 * start a new log entry or reorder what a reader sees. Ordinary text is returned unchanged, and
 * escaping twice changes nothing more.
 */
export function escapeText(text: string): string {
  // Printable ASCII needs nothing (most text): one quick scan instead of the look-around one.
  if (PRINTABLE_ASCII.test(text)) return text;
  return text.replace(
    UNSAFE,
    (c) => SHORT[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/**
 * escapeLines escapes each line of a message made of several lines (a heading and one problem
 * per line), keeping its line breaks and escaping everything else.
 */
export function escapeLines(text: string): string {
  return text.split('\n').map(escapeText).join('\n');
}
