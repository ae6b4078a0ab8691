import { messages } from '../errors/messages.constant.js';
import type { FlagCodec } from '../flags/codecs/flag-codec.interface.js';
import { CodecError } from '../flags/codecs/flag-codec.interface.js';
import { toText } from '../flags/codecs/text.util.js';
import { normalizeLogLevels } from './log-levels.util.js';

/**
 * logLevelCodec: Nest log levels as text (`debug`, `error,warn`, or empty),
 * stored in canonical form. A string flag in listings; its `expected` text
 * is what tells a log level flag from another string flag.
 */
export const logLevelCodec: FlagCodec<string> = {
  kind: 'string',
  expected: messages.logLevelExpected,
  parse: (raw) => normalizeLogLevels(toText(raw)),
  freeze: (value) => value,
  format: (value) => value,
  canonical: (value) => value,
  equals: (a, b) => a === b,
  accepts: (value) => {
    if (typeof value !== 'string') return 'not a string';
    try {
      normalizeLogLevels(value);
      return undefined;
    } catch (error) {
      return error instanceof CodecError ? error.message : String(error);
    }
  },
};
