/** DocumentSize is one YAML document of a stream, located before it is parsed. */
export interface DocumentSize {
  /** DocumentSize.line is the 1-based line the document starts on (its `---`, if any). */
  line: number;
  /** DocumentSize.bytes is its length in UTF-8 bytes, markers included. */
  bytes: number;
}

// A line starting with `---` or `...` followed by a space, a tab or its end is a document
// marker wherever it appears: the YAML lexer ends any scalar or collection there.
const MARKER = /^(?:---|\.\.\.)(?=[ \t\r\n]|$)/gm;

/**
 * oversizedDocuments lists the documents of a YAML stream longer than `limit` bytes, found by
 * their markers alone, so that a huge document is refused without parsing it.
 *
 * @param text the YAML stream
 * @param limit the largest document accepted, in bytes
 */
export function oversizedDocuments(text: string, limit: number): DocumentSize[] {
  const starts = [0];
  for (const match of text.matchAll(MARKER)) if (match.index > 0) starts.push(match.index);
  starts.push(text.length);
  const oversized: DocumentSize[] = [];
  let line = 1;
  for (let i = 0; i + 1 < starts.length; i++) {
    const piece = text.slice(starts[i], starts[i + 1]);
    // A UTF-8 character takes at most 3 bytes per UTF-16 unit: skip the count when it cannot matter.
    const bytes = piece.length * 3 > limit ? Buffer.byteLength(piece, 'utf8') : 0;
    if (bytes > limit) oversized.push({ line, bytes });
    line += countNewlines(piece);
  }
  return oversized;
}

function countNewlines(text: string): number {
  let count = 0;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) count++;
  return count;
}
