import { escapeLines, escapeText as e } from '../errors/escape-text.util.js';

// Every parameter is escaped (`e`): keys, paths, names and reasons may come from a manifest, the
// volume or a loaded module, and must not break or disguise a line of output.
const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;
const keys = (count: number): string => plural(count, 'key');
const quote = (text: string): string => `"${e(text)}"`;
const FILE_OPTION = [
  '  -f, --filename <file>  the manifest (YAML, one or more documents; at most 32 MiB,',
  '                         4 MiB per document); - reads it from standard input',
];

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
  applySummary: 'write ConfigMaps and Secrets into a directory as kubelet updates a volume',
  applyUsage: [
    'Usage: dflag apply -f <manifest.yaml> [-f <manifest.yaml> …] --dir <dir> [--name <name> …] [--fs-group]',
    '',
    'Writes the ConfigMap or Secret into <dir> exactly as kubelet updates a mounted volume:',
    'a new ..<timestamp> directory, an atomic swap of ..data, per-key symlinks. Several',
    'sources (-f cm.yaml -f secret.yaml, or several --name) are combined into one version, as',
    'a projected volume is; a key in two sources is refused. Nothing is written when a source',
    'is refused or nothing changed, and a write that fails is undone. A <dir> whose ..data',
    'does not name a version directory inside it is refused.',
    '',
    'Options:',
    ...FILE_OPTION,
    '                         (repeat -f for several sources)',
    '      --dir <dir>        the volume directory (created if missing)',
    '      --name <name>      a ConfigMap or Secret to apply, by metadata.name (repeatable);',
    '                         needed when an input holds several of them',
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
  stdinTwice: (command: string) =>
    `dflag ${e(command)}: standard input (-f -) can be read only once`,
  // The message may hold several lines (a refused manifest's problems, one a line).
  failed: (command: string, message: string) => `dflag ${e(command)}: ${escapeLines(message)}`,
  cannotRead: (file: string, reason: string) => `cannot read ${e(file)}: ${e(reason)}`,
  cannotWrite: (dir: string, reason: string) => `cannot write ${e(dir)}: ${e(reason)}`,
  /** sources names what was applied: `ConfigMap app-config`, `ConfigMap a + Secret b`. */
  sources: (sources: readonly { kind: string; name: string }[]) =>
    sources.map(({ kind, name }) => `${e(kind)} ${e(name)}`).join(' + '),
  applied: (sources: string, dir: string, count: number, version: string, previous?: string) =>
    `applied ${sources} to ${e(dir)}: ${keys(count)}, version ${e(version)}` +
    (previous === undefined ? '' : ` (replacing ${e(previous)})`),
  unchanged: (sources: string, dir: string, count: number, version: string, relinked: string[]) =>
    `unchanged: ${sources} in ${e(dir)} is already version ${e(version)} (${keys(count)})` +
    (relinked.length === 0 ? '' : `; re-created missing symlinks: ${relinked.map(e).join(', ')}`),
  validateSummary: 'check a ConfigMap or Secret against the flags an application declares',
  validateUsage: [
    'Usage: dflag validate -f <manifest.yaml> --flags <module.js> [--name <name>] [--strict] [--json] [--verbose]',
    '',
    'Checks every key of the ConfigMap or Secret against the flags the module declares: each',
    'value must parse and validate (nothing is applied), keys must be legal, the total at most',
    '1 MiB. Keys no flag declares are warnings, or errors with --strict. Every key of a Secret',
    'is treated as sensitive: no value or reason quoting it is printed. Exits 0 when clean, 1',
    'with one line per problem; a clean manifest prints only the summary line.',
    '',
    "The module must export its flag set(s), e.g. `export const flagSet = new FlagSet('app')`",
    "or `export { defaultFlagSet } from 'nestjs-dflag'`; it runs compiled (JavaScript).",
    '',
    'Options:',
    ...FILE_OPTION,
    '      --flags <module>   the JavaScript module that exports the flag set(s)',
    '      --name <name>      the ConfigMap or Secret to check when the input holds several',
    '      --strict           count keys that no flag declares as errors',
    '      --json             print one JSON object instead of lines (notes included)',
    '      --verbose          also note each key of a static flag (it takes effect on restart)',
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
  // `2 of 4 keys checked` when the reader refused some keys' values (they are errors instead).
  validated: (
    kind: string,
    name: string,
    counted: { checked: number; keys: number; flags: number },
    counts: { errors: number; warnings: number; notes: number; notesShown: boolean },
  ) =>
    `${e(kind)} ${e(name)}: ` +
    (counted.checked === counted.keys
      ? keys(counted.checked)
      : `${counted.checked} of ${keys(counted.keys)}`) +
    ` checked against ${plural(counted.flags, 'flag')}: ` +
    `${plural(counts.errors, 'error')}, ${plural(counts.warnings, 'warning')}, ${plural(counts.notes, 'note')}` +
    (counts.notes > 0 && !counts.notesShown ? ' (--verbose lists them)' : ''),
  noNamedDocument: (names: readonly string[], found: readonly string[]) =>
    (names.length === 1
      ? `holds no document named ${quote(names[0]!)}; found: `
      : `holds none of the documents named ${names.map(quote).join(', ')}; found: `) +
    (found.length === 0 ? 'nothing' : found.map(e).join(', ')),
  nameInTwoInputs: (name: string, first: string, second: string) =>
    `a document named ${quote(name)} is in both ${e(first)} and ${e(second)}; --name must pick one`,
  namesNotFound: (names: readonly string[], found: readonly string[]) =>
    `no input holds a document named ${names.map(quote).join(', ')}; found: ${found.map(e).join(', ')}`,
  foundIn: (description: string, input: string) => `${description} in ${input}`,
  keyInTwoSources: (key: string, first: string, second: string) =>
    `key ${quote(key)} is in both ${e(first)} and ${e(second)}; a projected volume holds one file per ` +
    'key (kubelet would let the later source overwrite the earlier one): keep the key in one source',
  manifestRefused: (file: string, errors: number) =>
    `ConfigMap manifest ${e(file)} refused: ${plural(errors, 'error')}`,
} as const;
