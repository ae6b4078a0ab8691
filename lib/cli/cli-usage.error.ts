/**
 * CliUsageError is thrown while reading a command line that cannot be run; the dispatcher prints
 * its message and the command's usage, and exits with code 2.
 */
export class CliUsageError extends Error {
  override readonly name = 'CliUsageError';
}
