/**
 * goSplitComma splits a text as dflag's `CommaStringToSlice` does, for its string slice and string
 * set flags: on every comma, with **no trimming of items and no dropping of empty ones** — `a, b,`
 * is `["a", " b", ""]` and an empty text is `[""]`, one empty item.
 */
export function goSplitComma(text: string): string[] {
  return text.split(',');
}
