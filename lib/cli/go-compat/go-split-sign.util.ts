/**
 * goSplitSign takes one leading `+` or `-` off a number's text, as Go's `strconv` and
 * `time.ParseDuration` do before reading the digits.
 */
export function goSplitSign(text: string): { readonly negative: boolean; readonly digits: string } {
  if (text.startsWith('+') || text.startsWith('-')) {
    return { negative: text.startsWith('-'), digits: text.slice(1) };
  }
  return { negative: false, digits: text };
}
