import { escapeLines, escapeText as e } from '../errors/escape-text.util.js';

// Every parameter is escaped (`e`): keys, paths, names and reasons may come from a manifest, the
// volume or a loaded module, and must not break or disguise a line of output.
const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;
const keys = (count: number): string => plural(count, 'key');

/** cliMessages holds every user-facing string of the `dflag` CLI; parameterised ones are functions. */
export const cliMessages = {
  usage: (commands: readonly { name: string; summary: string }[]) => {
    const width = Math.max(...commands.map((c) => c.name.length));
    return [
      'Usage: dflag <command> [options]',
      '',
      'Commands:',
      ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
      '',
      'Run "dflag <command> --help" for the options of a command.',
      '',
    ].join('\n');
  },
  applySummary: 'write a ConfigMap manifest into a directory the way kubelet updates a volume',
  applyUsage: [
    'Usage: dflag apply -f <configmap.yaml> --dir <dir> [--name <name>] [--fs-group]',
    '',
    'Writes the ConfigMap into <dir> exactly as kubelet updates a mounted ConfigMap volume:',
    'a new ..<timestamp> directory, an atomic swap of ..data, per-key symlinks. Nothing is',
    'written when the ConfigMap is refused or unchanged, and a write that fails is undone.',
    'A <dir> whose ..data does not name a version directory inside it is refused.',
    '',
    'Options:',
    '  -f, --filename <file>  the manifest (YAML, one or more documents; at most 32 MiB,',
    '                         4 MiB per document)',
    '      --dir <dir>        the volume directory (created if missing)',
    '      --name <name>      the ConfigMap to apply when the file holds several documents',
    '      --fs-group         touch every entry before the swap, as kubelet does for a pod',
    '                         with securityContext.fsGroup',
    '  -h, --help             show this help',
    '',
  ].join('\n'),
  missingCommand: 'dflag: missing command',
  unknownCommand: (name: string) => `dflag: unknown command "${e(name)}"`,
  unknownOption: (command: string, option: string) =>
    `dflag ${e(command)}: unknown option ${e(option)}`,
  missingValue: (command: string, option: string) =>
    `dflag ${e(command)}: option ${e(option)} needs a value`,
  unexpectedValue: (command: string, option: string) =>
    `dflag ${e(command)}: option ${e(option)} takes no value`,
  unexpectedArgument: (command: string, argument: string) =>
    `dflag ${e(command)}: unexpected argument "${e(argument)}"`,
  missingOption: (command: string, option: string) =>
    `dflag ${e(command)}: missing required option ${e(option)}`,
  // The message may hold several lines (a refused manifest's problems, one a line).
  failed: (command: string, message: string) => `dflag ${e(command)}: ${escapeLines(message)}`,
  cannotRead: (file: string, reason: string) => `cannot read ${e(file)}: ${e(reason)}`,
  cannotWrite: (dir: string, reason: string) => `cannot write ${e(dir)}: ${e(reason)}`,
  applied: (name: string, dir: string, count: number, version: string, previous?: string) =>
    `applied ConfigMap ${e(name)} to ${e(dir)}: ${keys(count)}, version ${e(version)}` +
    (previous === undefined ? '' : ` (replacing ${e(previous)})`),
  unchanged: (name: string, dir: string, count: number, version: string, relinked: string[]) =>
    `unchanged: ConfigMap ${e(name)} in ${e(dir)} is already version ${e(version)} (${keys(count)})` +
    (relinked.length === 0 ? '' : `; re-created missing symlinks: ${relinked.map(e).join(', ')}`),
  validateSummary: 'check a ConfigMap manifest against the flags an application declares',
  validateUsage: [
    'Usage: dflag validate -f <configmap.yaml> --flags <module.js> [--name <name>] [--strict] [--json]',
    '',
    'Checks every key of the ConfigMap against the flags the module declares: each value must',
    'parse and validate (nothing is applied), keys must be legal, the total at most 1 MiB.',
    'Keys of static flags are noted (they take effect on restart); keys no flag declares are',
    'warnings, or errors with --strict. Exits 0 when clean, 1 with one line per problem.',
    '',
    "The module must export its flag set(s), e.g. `export const flagSet = new FlagSet('app')`",
    "or `export { defaultFlagSet } from 'nestjs-dflag'`; it runs compiled (JavaScript).",
    '',
    'Options:',
    '  -f, --filename <file>  the manifest (YAML, one or more documents; at most 32 MiB,',
    '                         4 MiB per document)',
    '      --flags <module>   the JavaScript module that exports the flag set(s)',
    '      --name <name>      the ConfigMap to check when the file holds several documents',
    '      --strict           count keys that no flag declares as errors',
    '      --json             print one JSON object instead of lines',
    '  -h, --help             show this help',
    '',
  ].join('\n'),
  cannotLoadFlags: (file: string, reason: string, typescript: boolean) =>
    `cannot load the flags module ${e(file)}: ${e(reason)}` +
    (typescript ? '; dflag runs on JavaScript: point --flags at the compiled module' : ''),
  noFlagSet: (file: string) =>
    `the flags module ${e(file)} exports no FlagSet. Export the set your flags are declared in: ` +
    `"export const flagSet = new FlagSet('app')" (declaring with defineFlags(specs, flagSet)), ` +
    `or "export { defaultFlagSet } from 'nestjs-dflag'" when defineFlags(specs) declares into the default set`,
  emptyFlagSets: (file: string, exports: readonly string[]) =>
    `the flags module ${e(file)} exports only empty flag sets (${exports.map(e).join(', ')}): import the ` +
    `modules that declare the flags from it, and make sure they declare into that set (the same copy of nestjs-dflag)`,
  aValidValue: 'a value the flag accepts',
  refusedValue: (reason: string, expected: string) => `${e(reason)}; expected ${e(expected)}`,
  inFlagSet: (message: string, set: string) => `${e(message)} (flag set "${e(set)}")`,
  unknownKey: 'no flag of that name is declared; ignored (a newer release may read it)',
  strictUnknownKey: 'no flag of that name is declared (--strict)',
  hiddenKey: 'never read as a flag: keys starting with "." are skipped in a mounted ConfigMap',
  staticFlag: 'static flag, takes effect on restart',
  problemLine: (key: string, message: string) => `${e(key)}: ${e(message)}`,
  warningLine: (key: string, message: string) => `warning: ${e(key)}: ${e(message)}`,
  noteLine: (key: string, message: string) => `note: ${e(key)}: ${e(message)}`,
  validated: (
    name: string,
    checked: number,
    flags: number,
    counts: { errors: number; warnings: number; notes: number },
  ) =>
    `ConfigMap ${e(name)}: ${keys(checked)} checked against ${plural(flags, 'flag')}: ` +
    `${plural(counts.errors, 'error')}, ${plural(counts.warnings, 'warning')}, ${plural(counts.notes, 'note')}`,
  manifestRefused: (file: string, errors: number) =>
    `ConfigMap manifest ${e(file)} refused: ${plural(errors, 'error')}`,
} as const;
