import { goSplitSign } from './go-split-sign.util.js';

/**
 * goUnderscoreOk tells whether the underscores of a number's text are where Go's `strconv` allows
 * them: only between digits, or between a base prefix (`0x`, `0o`, `0b`) and a digit; never
 * first, last, doubled, or next to a `.`, a sign or an exponent.
 */
export function goUnderscoreOk(text: string): boolean {
  const s = goSplitSign(text).digits;
  // What came last: ^ the start, 0 a digit or a base prefix, _ an underscore, ! anything else.
  let last: '^' | '0' | '_' | '!' = '^';
  let i = 0;
  let hex = false;
  if (s.length >= 2 && s[0] === '0' && 'box'.includes((s[1] as string).toLowerCase())) {
    i = 2;
    last = '0';
    hex = (s[1] as string).toLowerCase() === 'x';
  }
  for (; i < s.length; i++) {
    const c = s[i] as string;
    if ((c >= '0' && c <= '9') || (hex && /[a-f]/i.test(c))) {
      last = '0';
    } else if (c === '_') {
      if (last !== '0') return false;
      last = '_';
    } else {
      if (last === '_') return false;
      last = '!';
    }
  }
  return last !== '_';
}
