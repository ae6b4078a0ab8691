import type { DflagLogger } from './dflag-logger.interface.js';

/** defaultLogger writes warnings and errors to stderr and keeps ordinary messages quiet. */
export const defaultLogger: DflagLogger = {
  log: () => undefined,
  warn: (message) => process.stderr.write(`[dflag] WARN ${message}\n`),
  error: (message) => process.stderr.write(`[dflag] ERROR ${message}\n`),
};
