import type { LogLevel } from '@nestjs/common';
import { messages } from '../errors/messages.constant.js';
import { CodecError } from '../flags/codecs/flag-codec.interface.js';

/** NEST_LOG_LEVELS are Nest's log levels, from the most severe to the least. */
export const NEST_LOG_LEVELS: readonly LogLevel[] = Object.freeze([
  'fatal',
  'error',
  'warn',
  'log',
  'debug',
  'verbose',
]);

const isLevel = (item: string): item is LogLevel => (NEST_LOG_LEVELS as string[]).includes(item);

/**
 * normalizeLogLevels checks a `loglevel` value and returns it in its
 * canonical form: lower case, items trimmed, duplicates dropped, ordered
 * from the most severe. Empty text stays empty (the application's own
 * levels). Throws a {@link CodecError} naming the first unknown level.
 */
export function normalizeLogLevels(text: string): string {
  const items = text
    .split(',')
    .map((item) => item.trim().toLowerCase())
    .filter((item) => item !== '');
  for (const item of items)
    if (!isLevel(item)) throw new CodecError(messages.unknownLogLevel(item));
  return NEST_LOG_LEVELS.filter((level) => items.includes(level)).join(',');
}

/**
 * logLevelsOf turns a valid, non-empty `loglevel` value into the levels to
 * enable: one level means that level and every more severe one (`warn` is
 * `fatal, error, warn`); a list means exactly the listed levels.
 */
export function logLevelsOf(value: string): LogLevel[] {
  const levels = normalizeLogLevels(value).split(',').filter(isLevel);
  if (levels.length !== 1) return levels;
  return NEST_LOG_LEVELS.slice(0, NEST_LOG_LEVELS.indexOf(levels[0] as LogLevel) + 1);
}
