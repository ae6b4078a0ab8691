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

/** A `--name` / `-name` argument split into its name and inline value. */
interface FlagArgument {
  name: string;
  inline: string | undefined;
  dashes: '-' | '--';
}

/** The start of an argument that a flag name may hold (the characters FlagSet allows in one). */
const NAME_PREFIX = /^[-._a-zA-Z0-9]*/;

/** nameStart is the part of `name` that a flag name may hold, up to the first other character. */
const nameStart = (name: string): string => NAME_PREFIX.exec(name)?.[0] ?? '';

/**
 * splitArgument recognises `--name[=value]`, and `-name[=value]` (Go's
 * single-dash form) when `name` is declared (or is `h`/`help`); anything else
 * (`-`, `-5`, `file`) is a positional argument. A declared name followed by a character a name
 * cannot hold (`-api_key hunter2` as one argument) is recognised too, to be refused as malformed.
 */
function splitArgument(set: FlagSet, arg: string): FlagArgument | undefined {
  const dashes = arg.startsWith('--') ? '--' : arg.startsWith('-') ? '-' : undefined;
  if (!dashes || arg.length === dashes.length) return undefined;
  const eq = arg.indexOf('=');
  const name = arg.slice(dashes.length, eq === -1 ? undefined : eq);
  const inline = eq === -1 ? undefined : arg.slice(eq + 1);
  if (dashes === '-') {
    const start = nameStart(name);
    const bare = start.startsWith('no-') ? start.slice(3) : start;
    if (!set.has(start) && !set.has(bare) && start !== 'h' && start !== 'help') return undefined;
  }
  return { name, inline, dashes };
}

/**
 * parseCommandLine reads `--name=value`, `--name value`, `--flag` and
 * `--no-flag` (bool flags; `-name` works too, as in Go), stops at `--`, and
 * applies every value to the `command-line` layer as one all-or-nothing
 * batch. Unknown flags, missing values and invalid values are reported
 * together in one {@link FlagErrors}, and then nothing is applied. A flag
 * given twice takes its last value. Errors name the flag as `--name`, never
 * the whole argument: the value may be a secret. An argument whose name goes on
 * with a character no flag name holds (`--api_key hunter2` quoted as one argument,
 * `--api_key:hunter2`) is shown cut before that character.
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
    const parsed = splitArgument(set, arg);
    if (!parsed) {
      args.push(arg);
      continue;
    }
    const { name, inline, dashes } = parsed;
    const start = nameStart(name);
    if (start.length < name.length) {
      // `--api_key hunter2` as one argument, or `--api_key:hunter2`: what follows the name may be
      // the value, so it is not shown.
      const declared = set.has(start) || (start.startsWith('no-') && set.has(start.slice(3)));
      problems.push(
        new Error(
          declared
            ? messages.malformedFlagArgument(`${dashes}${start}`)
            : messages.unknownFlagWithMore(start),
        ),
      );
      continue;
    }
    const shown = `${dashes}${name}`;
    if ((name === 'help' || name === 'h') && !set.has(name)) {
      help = true;
      continue;
    }
    const flag = set.find(name);
    if (flag) {
      const origin = shown;
      if (inline !== undefined) updates.push({ name, source: 'command-line', raw: inline, origin });
      else if (flag.kind === 'bool')
        updates.push({ name, source: 'command-line', raw: 'true', origin });
      else if (i + 1 < argv.length)
        updates.push({ name, source: 'command-line', raw: argv[++i] as string, origin });
      else problems.push(new Error(messages.missingArgument(shown)));
      continue;
    }
    const negated = name.startsWith('no-') ? set.find(name.slice(3)) : undefined;
    if (negated && inline === undefined && negated.kind === 'bool') {
      updates.push({ name: negated.name, source: 'command-line', raw: 'false', origin: shown });
    } else if (negated) {
      problems.push(new Error(messages.notBoolForNo(shown, negated.name)));
    } else {
      problems.push(new UnknownFlagError(name, 'the command line'));
    }
  }
  // Any problem, here or in a value, and nothing is applied.
  const result = set.apply(updates, { policy: 'all-or-nothing', dryRun: problems.length > 0 });
  problems.push(...result.errors);
  if (problems.length > 0) {
    throw new FlagErrors(DflagErrorCode.CommandLine, messages.commandLineHeading, problems);
  }
  return { args, help };
}
