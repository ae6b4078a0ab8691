import type { CliIo } from './cli-io.interface.js';

/** CliCommand is one `dflag <command>`. */
export interface CliCommand {
  /** CliCommand.name is the word after `dflag`. */
  readonly name: string;
  /** CliCommand.summary is the one line shown in `dflag --help`. */
  readonly summary: string;
  /** CliCommand.usage is the text shown by `dflag <command> --help` and after a usage error. */
  readonly usage: string;
  /** CliCommand.run runs the command on the arguments after its name and returns the exit code. */
  run(argv: readonly string[], io: Required<CliIo>): Promise<number>;
}
