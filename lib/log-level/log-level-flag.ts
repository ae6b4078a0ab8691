import { DflagSetupError } from '../errors/dflag-setup.error.js';
import { messages } from '../errors/messages.constant.js';
import type { Flag } from '../flags/flag.js';
import type { FlagSet } from '../flags/flag-set.js';
import type { FlagSpec } from '../flags/flag-spec.js';
import { logLevelCodec } from './log-level.codec.js';
import type { LogLevelOption } from './log-level-options.interface.js';

/** DEFAULT_LOG_LEVEL_FLAG is the name of the built-in log level flag (Go dflag's `loglevel`). */
export const DEFAULT_LOG_LEVEL_FLAG = 'loglevel';

/** LogLevelFlagOptions: what a declaration of the log level flag may change. */
export interface LogLevelFlagOptions {
  /**
   * The levels when no source sets the flag (one level, a comma-separated list, or empty).
   * @default '' (the levels the application was given at start)
   */
  default?: string;
  /** @default a description of the syntax */
  description?: string;
}

/**
 * logLevelFlag declares the log level flag yourself, e.g. to give it a
 * default or to have it in the set before `parseCommandLine()`:
 * `defineFlags({ loglevel: logLevelFlag({ default: 'log' }) })`. DflagModule's
 * `logLevel` option then uses it instead of declaring its own. Always dynamic.
 */
export function logLevelFlag(options: LogLevelFlagOptions = {}): FlagSpec<string> {
  return {
    codec: logLevelCodec,
    options: {
      description: options.description ?? messages.logLevelDescription,
      dynamic: true,
      default: options.default ?? '',
    },
  };
}

/** logLevelFlagName is the flag the `logLevel` option names, or undefined when the option is off. */
export function logLevelFlagName(option: LogLevelOption | undefined): string | undefined {
  if (option === undefined || option === false) return undefined;
  return option === true ? DEFAULT_LOG_LEVEL_FLAG : (option.flag ?? DEFAULT_LOG_LEVEL_FLAG);
}

/** isLogLevelFlag tells whether a flag was declared with {@link logLevelFlag}. */
export function isLogLevelFlag(flag: Flag<unknown>): flag is Flag<string> {
  return flag.kind === 'string' && flag.dynamic && flag.expected === logLevelCodec.expected;
}

/**
 * ensureLogLevelFlag returns the log level flag the option asks for: the
 * set's own when it declares it with {@link logLevelFlag}, else declared now.
 * Throws a `DflagSetupError` when the set declares that name otherwise, or
 * when it must be declared but the set was already read (`alreadyRead`):
 * its ConfigMap value would be missed until the next version.
 */
export function ensureLogLevelFlag(
  flagSet: FlagSet,
  option: LogLevelOption | undefined,
  alreadyRead = false,
): Flag<string> | undefined {
  const name = logLevelFlagName(option);
  if (name === undefined) return undefined;
  const existing = flagSet.find(name);
  if (existing) {
    if (!isLogLevelFlag(existing))
      throw new DflagSetupError(messages.logLevelFlagForeign(name, flagSet.name));
    return existing;
  }
  if (alreadyRead) throw new DflagSetupError(messages.logLevelAfterLoad(name, flagSet.name));
  return flagSet.declare(name, logLevelFlag());
}
