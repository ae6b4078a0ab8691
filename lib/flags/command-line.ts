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

/**
 * splitArgument recognises `--name[=value]`, and `-name[=value]` (Go's
 * single-dash form) when `name` is declared (or is `h`/`help`); anything else
 * (`-`, `-5`, `file`) is a positional argument.
 */
function splitArgument(set: FlagSet, arg: string): FlagArgument | undefined {
  const dashes = arg.startsWith('--') ? '--' : arg.startsWith('-') ? '-' : undefined;
  if (!dashes || arg.length === dashes.length) return undefined;
  const eq = arg.indexOf('=');
  const name = arg.slice(dashes.length, eq === -1 ? undefined : eq);
  const inline = eq === -1 ? undefined : arg.slice(eq + 1);
  if (dashes === '-') {
    const bare = name.startsWith('no-') ? name.slice(3) : name;
    if (!set.has(name) && !set.has(bare) && name !== 'h' && name !== 'help') return undefined;
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
 * the whole argument: the value may be a secret.
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
