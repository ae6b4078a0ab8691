const keys = (count: number): string => `${count} ${count === 1 ? 'key' : 'keys'}`;

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
    'written when the ConfigMap is refused or unchanged.',
    '',
    'Options:',
    '  -f, --filename <file>  the manifest (YAML, one or more documents)',
    '      --dir <dir>        the volume directory (created if missing)',
    '      --name <name>      the ConfigMap to apply when the file holds several documents',
    '      --fs-group         touch every entry before the swap, as kubelet does for a pod',
    '                         with securityContext.fsGroup',
    '  -h, --help             show this help',
    '',
  ].join('\n'),
  missingCommand: 'dflag: missing command',
  unknownCommand: (name: string) => `dflag: unknown command "${name}"`,
  unknownOption: (command: string, option: string) => `dflag ${command}: unknown option ${option}`,
  missingValue: (command: string, option: string) =>
    `dflag ${command}: option ${option} needs a value`,
  unexpectedValue: (command: string, option: string) =>
    `dflag ${command}: option ${option} takes no value`,
  unexpectedArgument: (command: string, argument: string) =>
    `dflag ${command}: unexpected argument "${argument}"`,
  missingOption: (command: string, option: string) =>
    `dflag ${command}: missing required option ${option}`,
  failed: (command: string, message: string) => `dflag ${command}: ${message}`,
  cannotRead: (file: string, reason: string) => `cannot read ${file}: ${reason}`,
  cannotWrite: (dir: string, reason: string) => `cannot write ${dir}: ${reason}`,
  applied: (name: string, dir: string, count: number, version: string, previous?: string) =>
    `applied ConfigMap ${name} to ${dir}: ${keys(count)}, version ${version}` +
    (previous === undefined ? '' : ` (replacing ${previous})`),
  unchanged: (name: string, dir: string, count: number, version: string, relinked: string[]) =>
    `unchanged: ConfigMap ${name} in ${dir} is already version ${version} (${keys(count)})` +
    (relinked.length === 0 ? '' : `; re-created missing symlinks: ${relinked.join(', ')}`),
} as const;
