// Go's unicode.IsSpace: ASCII \t \n \v \f \r and space, U+0085 (NEL), U+00A0, and the rest of
// Unicode's White_Space property. JavaScript's trim() differs in two code points: it removes
// U+FEFF (a byte-order mark), which Go keeps, and keeps U+0085, which Go removes.
const SPACE =
  '\\t\\n\\v\\f\\r \\u0085\\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000';
const EDGES = new RegExp(`^[${SPACE}]+|[${SPACE}]+$`, 'g');

/** goTrimSpace removes surrounding whitespace as Go's `strings.TrimSpace` does. */
export function goTrimSpace(text: string): string {
  return text.replace(EDGES, '');
}
