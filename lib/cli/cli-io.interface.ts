/** CliIo is where the CLI writes and what it resolves relative paths against. */
export interface CliIo {
  /** CliIo.stdout receives normal output, whole lines ending in `\n`. */
  stdout(text: string): void;
  /** CliIo.stderr receives errors and usage after a usage error, whole lines ending in `\n`. */
  stderr(text: string): void;
  /**
   * CliIo.cwd is the directory relative paths are resolved against.
   * @default process.cwd()
   */
  cwd?: string;
}
