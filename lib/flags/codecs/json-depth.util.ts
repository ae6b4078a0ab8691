/** The deepest nesting a JSON flag value may have (as `jsonProblem` allows for typed values). */
export const MAX_JSON_DEPTH = 1000;

/**
 * exceedsJsonDepth tells, in one linear pass that skips string contents,
 * whether a JSON text nests arrays and objects deeper than `max`. It runs
 * before `JSON.parse`: a reviver recurses once per level, so a 1 MiB value
 * of `[` overflows the stack and would be reported as "not valid JSON".
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
