import { DflagErrorCode } from '../errors/dflag.error.js';
import { FlagErrors } from '../errors/flag-errors.error.js';
import { messages } from '../errors/messages.constant.js';
import { UnknownFlagError } from '../errors/unknown-flag.error.js';
import type { FlagSet } from './flag-set.js';
import type { FlagUpdate } from './flag-update.interface.js';

/** CommandLineResult is what remains of the command line once flags are applied. */
export interface CommandLineResult {
  /** Positional arguments, in order (everything after `--` included). */
  readonly args: readonly string[];
  /** Whether `--help` or `-h` was given: print `flagSet.usage()` and exit. */
  readonly help: boolean;
}

/**
 * parseCommandLine reads `--name=value`, `--name value`, `--flag` and
 * `--no-flag` (bool flags), stops at `--`, and applies every value to the
 * `command-line` layer as one all-or-nothing batch. Unknown flags and invalid
 * values are reported together in one {@link FlagErrors}. A flag given twice
 * takes its last value.
 */
export function parseCommandLine(set: FlagSet, argv: readonly string[]): CommandLineResult {
  const args: string[] = [];
  const updates: FlagUpdate[] = [];
  const problems: Error[] = [];
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') {
      args.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--') || arg.length === 2) {
      if ((arg === '-h' || arg === '-help') && !set.has(arg.slice(1))) help = true;
      else args.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
    const inline = eq === -1 ? undefined : arg.slice(eq + 1);
    if (name === 'help' && !set.has('help')) {
      help = true;
      continue;
    }
    const flag = set.find(name);
    if (flag) {
      if (inline !== undefined)
        updates.push({ name, source: 'command-line', raw: inline, origin: arg });
      else if (flag.kind === 'bool')
        updates.push({ name, source: 'command-line', raw: 'true', origin: arg });
      else if (i + 1 < argv.length)
        updates.push({ name, source: 'command-line', raw: argv[++i] as string, origin: arg });
      else problems.push(new Error(messages.missingArgument(arg)));
      continue;
    }
    const negated = name.startsWith('no-') ? set.find(name.slice(3)) : undefined;
    if (negated && inline === undefined && negated.kind === 'bool') {
      updates.push({ name: negated.name, source: 'command-line', raw: 'false', origin: arg });
    } else if (negated) {
      problems.push(new Error(messages.notBoolForNo(arg, negated.name)));
    } else {
      problems.push(new UnknownFlagError(name, 'the command line'));
    }
  }
  const result = set.apply(updates, { policy: 'all-or-nothing' });
  problems.push(...result.errors);
  if (problems.length > 0) {
    throw new FlagErrors(DflagErrorCode.CommandLine, messages.commandLineHeading, problems);
  }
  return { args, help };
}
