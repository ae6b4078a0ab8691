/** ExitCode lists the exit codes of the `dflag` CLI. */
export const ExitCode = {
  /** ExitCode.Ok: the command did what was asked. */
  Ok: 0,
  /** ExitCode.Failure: the input was refused or the command failed; nothing was changed. */
  Failure: 1,
  /** ExitCode.Usage: the command line itself is wrong. */
  Usage: 2,
} as const;
/** ExitCode is one of the values of the {@link ExitCode} object. */
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
