import type { LogLevel } from '@nestjs/common';

/**
 * LogLevelOptions configures the built-in `loglevel` flag (DflagModule's
 * `logLevel` option): a dynamic flag whose value sets the application's Nest
 * log levels at run time.
 */
export interface LogLevelOptions {
  /**
   * The flag's name: its ConfigMap key. Declared by the module into the bound
   * set unless the set already declares it with `logLevelFlag()`.
   * @default 'loglevel'
   */
  flag?: string;
  /**
   * Called with the new levels after each change is applied to Nest's
   * `Logger` (and at bootstrap when the flag has a value), for loggers
   * without `setLogLevels()` (pino, winston): map the levels onto their own.
   * A hook that throws is reported as a warning; the levels stay applied.
   * @default undefined
   */
  onChange?: (levels: LogLevel[]) => void;
}

/** LogLevelOption is what DflagModule's `logLevel` option takes: `true` (the defaults), options, or `false` (off). */
export type LogLevelOption = boolean | LogLevelOptions;
