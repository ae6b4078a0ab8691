import { readFileSync } from 'node:fs';
import { applyCommand } from './apply.command.js';
import type { CliCommand } from './cli-command.interface.js';
import type { CliIo } from './cli-io.interface.js';
import { cliMessages } from './cli-messages.constant.js';
import { CliUsageError } from './cli-usage.error.js';
import { diffCommand } from './diff.command.js';
import { ExitCode } from './exit-code.constant.js';
import { validateCommand } from './validate.command.js';
import { errorMessage } from '../errors/error-message.util.js';

/** COMMANDS maps each command name to its module, in the order `dflag --help` lists them. */
const COMMANDS: ReadonlyMap<string, CliCommand> = new Map(
  [applyCommand, validateCommand, diffCommand].map((command) => [command.name, command]),
);

const HELP = new Set(['--help', '-h', 'help']);

/** packageVersion reads this package's version (dist/cli → ../../package.json, lib/cli alike). */
function packageVersion(): string {
  const manifest = readFileSync(new URL('../../package.json', import.meta.url), 'utf8');
  return (JSON.parse(manifest) as { version: string }).version;
}

const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

/**
 * runCli runs the `dflag` command line `argv` (the arguments after the program name) and returns
 * its exit code: 0 on success, 1 when the input was refused or the command failed, 2 for a usage
 * error (with the usage text on stderr). It never calls `process.exit`, so tests can run it
 * in-process with their own `io`.
 *
 * @param argv the arguments, e.g. `['apply', '-f', 'configmap.yaml', '--dir', '/tmp/vol']`
 * @param io where output goes and what relative paths are resolved against (default: the process)
 */
export async function runCli(argv: string[], io: CliIo = processIo): Promise<number> {
  const ioWithCwd: Required<CliIo> = {
    stdout: (text) => io.stdout(text),
    stderr: (text) => io.stderr(text),
    cwd: io.cwd ?? process.cwd(),
    // Only touched when `-f -` asks for it: process.stdin opens the descriptor on first access.
    get stdin() {
      return io.stdin ?? process.stdin;
    },
  };
  const usage = cliMessages.usage([...COMMANDS.values()]);
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.stderr(`${cliMessages.missingCommand}\n\n${usage}`);
    return ExitCode.Usage;
  }
  if (name === '--version' || name === '-v') {
    io.stdout(`${packageVersion()}\n`);
    return ExitCode.Ok;
  }
  if (HELP.has(name)) {
    const topic = rest[0] === undefined ? undefined : COMMANDS.get(rest[0]);
    io.stdout(topic?.usage ?? usage);
    return ExitCode.Ok;
  }
  const command = COMMANDS.get(name);
  if (command === undefined) {
    io.stderr(`${cliMessages.unknownCommand(name)}\n\n${usage}`);
    return ExitCode.Usage;
  }
  try {
    return await command.run(rest, ioWithCwd);
  } catch (error) {
    if (error instanceof CliUsageError) {
      io.stderr(`${error.message}\n\n${command.usage}`);
      return ExitCode.Usage;
    }
    const message = errorMessage(error);
    io.stderr(`${cliMessages.failed(command.name, message)}\n`);
    return ExitCode.Failure;
  }
}
