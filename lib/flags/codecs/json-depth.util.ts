/** The deepest nesting a JSON flag value may have (`sealParsedJson` checks parsed values, `jsonProblem` typed ones). */
export const MAX_JSON_DEPTH = 1000;

/**
 * exceedsJsonDepth tells, in one linear pass that skips string contents,
 * whether a JSON text nests arrays and objects deeper than `max`, without
 * parsing it (`dflag validate --go-compat` asks it of Go's limit).
 */
export function exceedsJsonDepth(text: string, max = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22 /* " */) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      if (++depth > max) return true;
    } else if (c === 0x5d /* ] */ || c === 0x7d /* } */) depth--;
  }
  return false;
}
