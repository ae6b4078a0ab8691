/**
 * The deepest nesting a JSON flag value may have (as `jsonProblem` allows for typed values; the
 * parsed ones are checked by `sealParsedJson`).
 */
export const MAX_JSON_DEPTH = 1000;
