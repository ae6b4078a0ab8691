import type { ErrorCode } from 'yaml';

/**
 * yamlProblems says, in the library's own words, what each of the YAML parser's error codes
 * means, with what to write instead. The parser's own messages are never shown: several quote the
 * source text they stumbled on (`Could not resolve tag: !Tr0ub4dor…`, `Block scalar header
 * includes extra characters: >S3cret…`, `Invalid escape sequence \U…`), and that text may be a
 * secret value in a Secret or a ConfigMap. The position (line and column) says where to look.
 */
export const yamlProblems: Readonly<Record<ErrorCode, string>> = {
  ALIAS_PROPS: 'an alias (*name) cannot have an anchor or a tag',
  BAD_ALIAS: 'a malformed alias (*name); a value that starts with * must be quoted',
  BAD_COLLECTION_TYPE: 'a tag names a collection type that does not match the collection',
  BAD_DIRECTIVE:
    'a malformed or unsupported directive (a line starting with %); a value that starts with % must be quoted',
  BAD_DQ_ESCAPE:
    'a double-quoted string holds an invalid escape sequence; write \\\\ for a backslash, or single-quote the value',
  BAD_INDENT: 'the indentation is wrong, or a flow collection ([…] or {…}) is not closed',
  BAD_PROP_ORDER: 'an anchor (&name) or a tag (!tag) is misplaced',
  BAD_SCALAR_START: 'a plain value starts with a reserved character (@, ` or %); quote the value',
  BLOCK_AS_IMPLICIT_KEY: 'a mapping is nested on one line (key: key: value); quote the value',
  BLOCK_IN_FLOW: 'a block collection or block scalar inside a flow collection ([…] or {…})',
  DUPLICATE_KEY: 'a key appears twice in one mapping; the keys of a mapping must be unique',
  IMPOSSIBLE: 'the YAML parser could not read this part',
  KEY_OVER_1024_CHARS: 'a key written without ? is over 1024 characters',
  MISSING_CHAR: 'a closing quote or bracket is missing',
  MULTILINE_IMPLICIT_KEY: 'a key spans several lines; quote it, or write it as ? key',
  MULTIPLE_ANCHORS: 'a node has more than one anchor (&name)',
  MULTIPLE_DOCS: 'more than one document where one is expected',
  MULTIPLE_TAGS: 'a node has more than one tag (!tag)',
  NON_STRING_KEY: 'a key is not a string',
  RESOURCE_EXHAUSTION: 'aliases expand to too much data',
  TAB_AS_INDENT: 'a tab is used for indentation; YAML indents with spaces',
  TAG_RESOLVE_FAILED:
    'a value that starts with ! reads as a YAML tag the parser does not know; quote the value',
  UNEXPECTED_TOKEN:
    'unexpected text (a value that starts with |, >, !, &, *, %, @, ` or a quote must be quoted as a whole)',
};

/** yamlProblem is the library's words for a YAML parser error code, with a fallback for a new code. */
export function yamlProblem(code: string): string {
  return Object.hasOwn(yamlProblems, code)
    ? yamlProblems[code as ErrorCode]
    : 'the YAML parser refused this part';
}
