import type { FlagValueErrorDetails } from './flag-value.error.js';

const originOf = (source: string, origin?: string): string =>
  origin ? `${source} (${origin})` : source;

/** messages holds every user-facing string of the library; parameterised ones are functions. */
export const messages = {
  invalidName: (name: string) =>
    `Flag name "${name}" is invalid: use 1-253 characters of [-._a-zA-Z0-9], not starting with "." (ConfigMap key rule; names starting with "." are skipped in a mounted ConfigMap)`,
  duplicateFlag: (name: string, set: string) =>
    `Flag "${name}" is already declared in flag set "${set}"`,
  invalidDefault: (name: string, reason: string) =>
    `Flag "${name}" has an invalid default: ${reason}`,
  asyncValidator: (name: string, reason: string) => `Flag "${name}": ${reason}`,
  invalidValue: (d: FlagValueErrorDetails) =>
    `Flag "${d.flag}" from ${originOf(d.source, d.origin)}: refused "${d.shown}": ${d.reason}; expected ${d.expected}`,
  unknownFlag: (name: string, where: string) => `Unknown flag "${name}" in ${where}`,
  missingArgument: (arg: string) => `Flag ${arg} needs a value: ${arg}=VALUE or ${arg} VALUE`,
  notBoolForNo: (arg: string, name: string) =>
    `Flag ${arg} is not a bool flag: "--no-" is only for bool flags; use --${name}=VALUE`,
  commandLineHeading: 'Invalid command line:',
  environmentHeading: 'Invalid environment variables:',
  batchHeading: 'Invalid flag values (nothing was applied):',
  environmentCollision: (variable: string, a: string, b: string) =>
    `Environment variable ${variable} would set both flag "${a}" and flag "${b}"`,
  flagNotFound: (name: string, set: string) => `Flag "${name}" does not exist in flag set "${set}"`,
  // ConfigMap engine
  volumeUnstable: (dir: string, attempts: number) =>
    `The ConfigMap volume ${dir} changed during ${attempts} reads in a row; will retry`,
  danglingData: (dir: string, target: string) =>
    `${dir}/..data points to ${target}, which does not exist; keeping the last values`,
  dataLeavesVolume: (dir: string, target: string) =>
    `${dir}/..data points to ${target}, outside the volume: a ConfigMap volume's versions live inside it, so it is not read; keeping the last values`,
  leavesVolume: (file: string) =>
    `Skipped ${file}: its real path leaves the volume (a symlink to elsewhere is never read in a ConfigMap volume)`,
  skippedEntry: (file: string, kind: string) =>
    `Skipped ${file}: ${kind} is not a flag value (only regular files are read)`,
  danglingLink: (file: string) => `Skipped ${file}: the symlink points to nothing`,
  valueTooLarge: (file: string, size: number, max: number) =>
    `${file} is ${size} bytes: a ConfigMap value cannot exceed ${max} bytes (1 MiB)`,
  unknownKey: (file: string) =>
    `Unknown key ${file}: no flag of that name is declared (ignored; it may be meant for a newer release)`,
  pendingRestart: (name: string, file: string) =>
    `Static flag "${name}" (${file}) changed in the ConfigMap: it takes effect on restart`,
  missingDirectory: (dir: string) =>
    `The ConfigMap directory ${dir} does not exist. Mount the ConfigMap volume there (volumeMounts[].mountPath: ${dir}), or set optional: true to start on defaults and pick it up when it appears`,
  directoryVanished: (dir: string) =>
    `The ConfigMap directory ${dir} disappeared; keeping the last values until it returns`,
  startupHeading: (dir: string) =>
    `Invalid flag values in the ConfigMap at ${dir} (nothing was applied; set startOnInvalid to start on the valid values and defaults):`,
  readFailed: (dir: string, reason: string) =>
    `Reading the ConfigMap at ${dir} failed (${reason}); keeping the last values, will retry`,
  watcherFailed: (dir: string, reason: string) =>
    `Watching ${dir} failed (${reason}); falling back to periodic checks`,
  transientLayout: (dir: string) =>
    `${dir}/..data is missing but the directory has (or had) kubelet's layout: a relink or deletion in progress? Keeping the last values`,
  // Nest module
  missingEventEmitter:
    'DflagModule needs the event bus of @nestjs/event-emitter (for flag.changed and flag.reloaded): add EventEmitterModule.forRoot() to the imports of your root module (it is global by default; with global: false, import it where DflagModule is imported)',
  eventEmitterFailed: (reason: string) =>
    `The event emitter failed to bind its listeners (${reason}); flag events are emitted anyway`,
  listenerFailed: (event: string, reason: string) =>
    `A listener of "${event}" failed: ${reason} (reloading carries on)`,
  flagSetBoundElsewhere: (set: string, path: string, other: string) =>
    `Flag set "${set}" is already bound to the ConfigMap at ${path}, so it cannot be bound to ${other}: pass the same path to loadFlags() and DflagModule, or bind another FlagSet`,
  optionsDiffer: (set: string, differences: readonly string[]) =>
    `Flag set "${set}" was loaded by loadFlags() with other options than DflagModule gives it: ${differences.join(', ')}. The module reuses that load, so pass the same options to both (e.g. one shared object)`,
  flagSetBoundTwice: (set: string, path: string) =>
    `Flag set "${set}" (${path}) is already bound by another DflagModule registration: bind each FlagSet once, and give a second set its own registration name`,
  flagsNotInSet: (names: readonly string[], set: string) =>
    `The flags option holds flags not declared in flag set "${set}": ${names.join(', ')}; pass the set they were declared in as flagSet`,
  flagSetWatchedElsewhere: (set: string, path: string) =>
    `Flag set "${set}" (${path}) is already watched by another Nest application in this process (initialised and not closed): close it first, or bind another FlagSet`,
  flagSetRebound: (set: string, path: string) =>
    `Flag set "${set}" was bound anew (to ${path}, or with other options) by a Nest application created after this one: only the application created last can watch it; create this application again once the other one is closed`,
  flagSetReleased: (set: string) =>
    `Flag set "${set}" was released when another Nest application bound to it closed: create this application again`,
  loadOptionsDiffer: (set: string, differences: readonly string[]) =>
    `loadFlags() was called for flag set "${set}" with other options than the engine already loaded for it: ${differences.join(', ')}. The call returns that load, so pass the same options (e.g. one shared object), or omit them`,
  // Options
  invalidOptions: (where: string, problems: readonly string[]) =>
    [`Invalid options for ${where}:`, ...problems.map((problem) => `  - ${problem}`)].join('\n'),
  optionsNotObject: (expected: string, shown: string) => `expected ${expected}, got ${shown}`,
  invalidOption: (name: string, shown: string, accepts: string) =>
    `${name} is ${shown}: expected ${accepts}`,
  missingOption: (name: string, accepts: string) => `${name} is missing: expected ${accepts}`,
  unknownOption: (
    name: string,
    where: string,
    suggestion: string | undefined,
    known: readonly string[],
  ) =>
    suggestion
      ? `${name} is not an option of ${where}: did you mean "${suggestion}"?`
      : `${name} is not an option of ${where} (its options: ${known.join(', ')})`,
  misplacedOption: (name: string, where: string, hint: string) =>
    `${name} is not an option of ${where}: ${hint}`,
  valueIsNaN: 'NaN (what Number() gives for an unset or non-numeric environment variable)',
  acceptsBoolean: 'true or false',
  acceptsOneOf: (values: readonly string[]) => {
    const quoted = values.map((value) => JSON.stringify(value));
    return quoted.length > 1
      ? `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`
      : (quoted[0] ?? '');
  },
  acceptsMilliseconds: (min: number, max: number, maxInWords: string, zeroIsOff: boolean) =>
    zeroIsOff
      ? `an integer number of milliseconds: 0 (off), or from ${min} to ${max} (${maxInWords})`
      : `an integer number of milliseconds from ${min} to ${max} (${maxInWords})`,
  acceptsPath: 'a non-empty string: the directory the ConfigMap volume is mounted at',
  acceptsPathOrOptions: 'a path (a non-empty string) or an options object',
  acceptsOptionsObject: 'an options object',
  acceptsFlagSet: 'a FlagSet',
  acceptsFlags: 'the object of flag handles defineFlags() returned',
  acceptsLogger: "an object with log(), warn() and error() methods (Nest's Logger fits)",
  objectLacks: (methods: readonly string[]) =>
    `an object without ${methods.map((method) => `${method}()`).join(' and ')}`,
  acceptsRegistrationName: "a non-empty string (the registration's name)",
  acceptsArrayOf: (what: string) => `an array of ${what}`,
  acceptsFactory: 'a function returning the options (or a promise of them)',
  acceptsClass: 'a class',
  acceptsToken: 'an injection token',
  asyncOptionsSource:
    'one of useFactory, useClass or useExisting is needed: it provides the options',
  asyncOptionsSources: (given: readonly string[]) =>
    `give only one of useFactory, useClass or useExisting (given: ${given.join(', ')})`,
  extraInFactory: (name: string) => `give ${name} to forRootAsync() itself, next to useFactory`,
  healthLastVersion: (result: string, errors: number) =>
    `the last ConfigMap version was ${result} (${errors} refused value${errors === 1 ? '' : 's'}); the last good values serve`,
  healthPendingRestart: (names: readonly string[]) =>
    `static flags changed in the ConfigMap take effect on restart: ${names.join(', ')}`,
  healthPeriodic: (reason: string | undefined) =>
    `the file watcher failed${reason ? ` (${reason})` : ''}; changes are picked up by periodic checks only`,
  healthDirectoryMissing: (path: string) =>
    `the ConfigMap directory ${path} is missing; flags serve their fallbacks`,
  healthStartedOnFallbacks:
    'the application started on fallbacks for refused values (startOnInvalid), and no version has applied cleanly since',
  healthStopped:
    'the ConfigMap is not being watched (watchMode: stopped): its changes are not applied',
  healthNoRegistration: (name: string | undefined) =>
    `DflagHealthIndicator found no DflagModule registration${name ? ` named "${name}"` : ''}: import DflagModule.forRoot() (or forRootAsync()) in the application${name ? ` with name: "${name}"` : ''}`,
  testingPath: '(in memory: DflagTestingModule)',
  injectedFlagMissing: (flag: string, set: string, consumer: string | undefined) =>
    `${consumer ?? 'A provider'} injects flag "${flag}" with @InjectFlag(), but flag set "${set}" declares no flag of that name`,
} as const;
