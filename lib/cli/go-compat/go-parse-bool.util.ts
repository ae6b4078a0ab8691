import { cliMessages } from '../cli-messages.constant.js';
import type { GoReading } from './go-reading.interface.js';
import { goRefusal, goValue } from './go-reading.interface.js';

// strconv.ParseBool takes exactly these spellings: no yes/no, on/off, nor mixed case like "tRUE".
const TRUE = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);
const FALSE = new Set(['0', 'f', 'F', 'FALSE', 'false', 'False']);

/** goParseBool reads a text as Go's `strconv.ParseBool` does. */
export function goParseBool(text: string): GoReading<boolean> {
  if (TRUE.has(text)) return goValue(true);
  if (FALSE.has(text)) return goValue(false);
  const m = cliMessages.goCompat;
  const lower = text.toLowerCase();
  if (['yes', 'no', 'on', 'off', 'y', 'n'].includes(lower)) {
    return goRefusal(m.notABool, m.whyBoolWords);
  }
  if (TRUE.has(lower) || FALSE.has(lower)) return goRefusal(m.notABool, m.whyBoolCase);
  return goRefusal(m.notABool);
}
