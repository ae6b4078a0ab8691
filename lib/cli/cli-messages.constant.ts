import { escapeLines, escapeText as e } from '../errors/escape-text.util.js';
import type { GoDifferenceKind } from './go-compat/go-difference.interface.js';

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
  applyLocked: (dir: string, lock: string, pid: number | undefined, waitedMs: number) =>
    `another dflag apply is writing ${e(dir)}${pid === undefined ? '' : ` (process ${pid})`} and still was after ${waitedMs / 1000} s: wait for it, or remove ${e(lock)} if no apply runs`,
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
    'Usage: dflag validate -f <manifest.yaml> --flags <module.js> [--name <name>] [--strict] [--json] [--verbose] [--go-compat]',
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
    '      --strict           count keys that no flag declares as errors (and, with',
    '                         --go-compat, every value Go would read otherwise)',
    '      --json             print one JSON object instead of lines (notes included)',
    '      --verbose          also note each key of a static flag (it takes effect on restart)',
    "      --go-compat        warn on every value Go's dflag would read otherwise or refuse",
    '                         (010 is 8 in Go, yes is no boolean, …), with both readings',
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
  goCompatNeedsFlags:
    'dflag validate: --go-compat needs --flags <module.js>: how Go reads a value depends on the ' +
    "type of the flag it sets, which only the application's declarations say",
  /**
   * goCompat holds the words of `dflag validate --go-compat`: why the Go original refuses a text
   * (`not…`, `out…`), which of its rules made a reading differ (`why…`), and the warning lines.
   */
  goCompat: {
    notABool: 'not a boolean',
    notAnInt: 'not an integer',
    notAnOctalInt: 'not an octal integer',
    outOfInt64: 'out of the int64 range',
    notAFloat: 'not a number',
    outOfFloat64: 'out of the float64 range',
    notADuration: 'not a duration',
    durationMissingUnit: 'a number without a unit',
    durationUnknownUnit: (unit: string) => `unknown unit ${quote(unit)}`,
    outOfDurationRange: 'out of the range of a Go duration (about ±292 years)',
    notJson: 'not valid JSON',
    jsonTooDeep: 'nested deeper than 10000 levels',
    jsonNumberOverflow: 'a number beyond the range of a float64',
    jsonNotObject: 'neither a JSON object nor an array',
    whyBoolWords:
      'strconv.ParseBool takes 1, t, T, true, True, TRUE and their false forms, not yes/no or on/off',
    whyBoolCase: 'strconv.ParseBool takes true, True and TRUE, not other mixes of case',
    whyOctal: 'in Go a leading 0 makes the number octal',
    whyUnderscores: 'Go allows _ between digits',
    whyUnderscoresMisplaced: 'Go allows _ only between digits',
    whyBeyondSafe: 'beyond ±2^53−1, which a JavaScript number holds exactly; a Go int64 holds it',
    whyNonFinite: 'strconv.ParseFloat reads inf, infinity and nan, whatever the flag allows',
    whyHexFloat: 'Go reads hexadecimal floats (0x1p-2 is 0.25)',
    whyFloatRange:
      'Go refuses a number beyond the largest float64 instead of reading it as Infinity',
    whyDurationUnit: 'Go durations need a unit on every number, 0 alone excepted',
    whyDurationDays:
      'time.ParseDuration has no d or w: a standard flag.Duration (a static flag) and dflag before v1.9.0 refuse it; dflag v1.9+ reads d as 24h and w as 7d',
    whyDurationRange: 'a Go duration is an int64 of nanoseconds',
    whyDurationTruncated:
      'a Go duration is whole nanoseconds: a fraction is cut to whole nanoseconds, and Go reads at most its first 18 or 19 digits',
    whyJsonTopLevel:
      "dflag's JSON flags decode into a struct or a slice, which take no number, string or boolean",
    whyJsonNull: 'encoding/json ignores null: the flag gets the zero value of its Go type',
    whyJsonForbiddenKey:
      'the keys __proto__, constructor and prototype are ordinary keys to Go; nestjs-dflag refuses them anywhere in a document, against prototype pollution',
    whyJsonDeep: "nestjs-dflag reads JSON nested up to 1000 levels, Go's encoding/json up to 10000",
    whyJsonSurrogate:
      'encoding/json replaces an unpaired surrogate escape such as \\ud800 with U+FFFD',
    whyJsonBigInteger:
      'an integer beyond 2^53: nestjs-dflag reads the nearest float64, Go reads it exactly into an integer field',
    whyJsonBeyondInt64:
      "an integer beyond the int64 and uint64 ranges: Go's encoding/json refuses it for an integer field and reads the nearest float64 into a float field, as nestjs-dflag does",
    whyJsonInvalidUtf8:
      "Go's encoding/json reads each byte that is not UTF-8 as U+FFFD; nestjs-dflag refuses text that is not UTF-8",
    whyStaticUntrimmed:
      "Go's standard flag package (a static flag) does not trim: surrounding whitespace, a final newline included, is part of the value",
    whyTrimSet:
      "Go's strings.TrimSpace keeps a byte-order mark (U+FEFF) and removes U+0085, unlike JavaScript's trim()",
    whyInvalidUtf8: 'Go takes the bytes as they are; nestjs-dflag refuses text that is not UTF-8',
    whyCommaSplit:
      'dflag splits on every comma, without trimming items or dropping empty ones; an empty text is one empty item',
    bytesAsTheyAre: 'the bytes as they are',
    zeroValue: 'the zero value of its Go type',
    replacedSurrogates: 'U+FFFD in place of each unpaired surrogate',
    exactInteger: 'each integer exactly',
    beyondInt64: 'an error for an integer field, the nearest float64 for a float field',
    replacedInvalidBytes: 'U+FFFD in place of each byte that is not UTF-8',
    asWritten: 'it',
    /** where names the object and file a warning is about: `ConfigMap app-config in cm.yaml`. */
    where: (kind: string, name: string, file: string) => `${e(kind)} ${e(name)} in ${e(file)}`,
    readsDifferently: (where: string, go: string, ours: string, theirs: string, why?: string) =>
      `go-compat (${where}): nestjs-dflag reads ${e(ours)}, ${e(go)} reads ${e(theirs)}` +
      (why === undefined ? '' : ` (${e(why)})`),
    goRefuses: (where: string, go: string, ours: string, reason: string, why?: string) =>
      `go-compat (${where}): nestjs-dflag reads ${e(ours)}, ${e(go)} refuses it: ${e(reason)}` +
      (why === undefined ? '' : ` (${e(why)})`),
    goAccepts: (where: string, go: string, theirs: string, why?: string) =>
      `go-compat (${where}): nestjs-dflag refuses it, ${e(go)} reads ${e(theirs)}` +
      (why === undefined ? '' : ` (${e(why)})`),
    /** hidden says only the key, where, the flag's type and the kind of difference: never a value or a reading. */
    hidden: (where: string, go: string, kind: string, difference: GoDifferenceKind) =>
      `go-compat (${where}): ${e(go)} ` +
      (difference === 'reads-differently'
        ? `reads this ${e(kind)} value differently than nestjs-dflag`
        : difference === 'go-refuses'
          ? `refuses this ${e(kind)} value, which nestjs-dflag reads`
          : `reads this ${e(kind)} value, which nestjs-dflag refuses`) +
      ' (neither the value nor a reading is shown for a sensitive flag)',
    olderDflag: (where: string, why: string) =>
      `go-compat (${where}): read the same by Go's dflag v1.9+, refused by older versions (${e(why)})`,
    strict: (message: string) => `${message} [--go-compat --strict]`,
    dflag: "Go's dflag",
    flagPackage: "Go's flag package",
  },
  // Refused before an object was read: its kind is not known.
  manifestRefused: (file: string, errors: number) =>
    `Manifest ${e(file)} refused: ${plural(errors, 'error')}`,
} as const;
