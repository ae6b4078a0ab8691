import { parseArgs } from 'node:util';
import { cliMessages } from './cli-messages.constant.js';
import { CliUsageError } from './cli-usage.error.js';

/** CommandOption declares one option of a command, as `node:util` `parseArgs` takes it. */
export interface CommandOption {
  /** CommandOption.type is `string` for an option with a value, `boolean` for a switch. */
  type: 'string' | 'boolean';
  /** CommandOption.short is the one-letter alias, without the dash. */
  short?: string;
  /**
   * CommandOption.multiple keeps every occurrence (a list of values) instead of the last.
   * @default false
   */
  multiple?: boolean;
}

/** CommandValues maps each declared option to its value, when it was given. */
export type CommandValues<T extends Record<string, CommandOption>> = {
  [K in keyof T]?: T[K]['type'] extends 'string'
    ? T[K]['multiple'] extends true
      ? string[]
      : string
    : boolean;
};

/**
 * parseCommandArgs reads the options of `command` from `argv` with `node:util` `parseArgs`,
 * refusing unknown options, options missing their value, values given to switches and positional
 * arguments, each with a message naming the option as it was typed. The last occurrence of a
 * repeated option wins, unless it is declared `multiple`.
 *
 * @throws CliUsageError for the first problem found
 */
export function parseCommandArgs<T extends Record<string, CommandOption>>(
  command: string,
  argv: readonly string[],
  options: T,
): CommandValues<T> {
  // strict: false, then our own checks: strict mode's messages speak of parseArgs, not of dflag.
  const { values, tokens } = parseArgs({
    args: [...argv],
    options,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  for (const token of tokens) {
    if (token.kind === 'positional') {
      throw new CliUsageError(cliMessages.unexpectedArgument(command, token.value));
    }
    if (token.kind !== 'option') continue;
    const spec = Object.hasOwn(options, token.name) ? options[token.name] : undefined;
    if (spec === undefined) {
      throw new CliUsageError(cliMessages.unknownOption(command, token.rawName));
    }
    if (spec.type === 'boolean' && token.inlineValue === true) {
      throw new CliUsageError(cliMessages.unexpectedValue(command, token.rawName));
    }
    // parseArgs would take the next option (`--dir --name x`) as the value; a lone `-` is a
    // value (standard input).
    const missing =
      token.value === undefined ||
      (token.inlineValue === false && token.value.startsWith('-') && token.value !== '-');
    if (spec.type === 'string' && missing) {
      throw new CliUsageError(cliMessages.missingValue(command, token.rawName));
    }
  }
  return values as CommandValues<T>;
}
