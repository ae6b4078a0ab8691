import { DflagErrorCode } from '../errors/dflag.error.js';
import { FlagErrors } from '../errors/flag-errors.error.js';
import { defaultFlagSet } from './default-flag-set.js';
import type { FlagSet } from './flag-set.js';

/** CommandLineExitOptions lets a test (or a CLI of its own) replace the process's streams and exit. */
export interface CommandLineExitOptions {
  /**
   * Ends the process with a code: 0 after `--help`, 2 after a wrong argument (as Go's
   * `flag.Parse` does). It must not return.
   * @default process.exit
   */
  readonly exit?: (code: number) => never;
  /**
   * Receives the usage table after `--help`.
   * @default writes to process.stdout
   */
  readonly stdout?: (text: string) => void;
  /**
   * Receives the problems and the usage table after a wrong argument.
   * @default writes to process.stderr
   */
  readonly stderr?: (text: string) => void;
}

/**
 * parseCommandLineOrExit is `flagSet.parseCommandLine(argv)` for `main.ts`, with Go's
 * `flag.Parse` behaviour: `--help` (or `-h`) prints the usage table to standard output and exits
 * with 0; a wrong argument (an unknown flag, a missing or invalid value) prints every problem and
 * the usage table to standard error and exits with 2, without a stack trace. Nothing is applied
 * then. Otherwise it returns the positional arguments.
 *
 * Problems never quote a sensitive flag's value (see {@link FlagErrors}). An error that is not
 * about the command line (a bug) is thrown as it is.
 *
 * @param flagSet the set the arguments set
 * @param argv the arguments after the program's name
 * @returns the positional arguments, in order (everything after `--` included)
 */
export function parseCommandLineOrExit(
  flagSet: FlagSet = defaultFlagSet,
  argv: readonly string[] = process.argv.slice(2),
  options: CommandLineExitOptions = {},
): readonly string[] {
  const exit = options.exit ?? ((code: number): never => process.exit(code));
  const stdout = options.stdout ?? ((text: string) => void process.stdout.write(text));
  const stderr = options.stderr ?? ((text: string) => void process.stderr.write(text));
  let result;
  try {
    result = flagSet.parseCommandLine(argv);
  } catch (error) {
    if (!(error instanceof FlagErrors) || error.code !== DflagErrorCode.CommandLine) throw error;
    stderr(`${error.message}\n\n${flagSet.usage()}`);
    return exit(2);
  }
  if (result.help) {
    stdout(flagSet.usage());
    return exit(0);
  }
  return result.args;
}
