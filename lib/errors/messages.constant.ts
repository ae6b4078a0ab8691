import { escapeText as e } from './escape-text.util.js';
import type { FlagValueErrorDetails } from './flag-value.error.js';

// Every parameter is escaped (`e`): names, paths, values and reasons may come from the volume,
// the command line or a third-party library, and must not break or disguise a log line.
const originOf = (source: string, origin?: string): string =>
  origin ? `${e(source)} (${e(origin)})` : e(source);
const list = (items: readonly string[]): string => items.map(e).join(', ');

/** messages holds every user-facing string of the library; parameterised ones are functions. */
export const messages = {
  invalidName: (name: string) =>
    `Flag name "${e(name)}" is invalid: use 1-253 characters of [-._a-zA-Z0-9], not starting with "." (ConfigMap key rule; names starting with "." are skipped in a mounted ConfigMap)`,
  duplicateFlag: (name: string, set: string) =>
    `Flag "${e(name)}" is already declared in flag set "${e(set)}"`,
  invalidDefault: (name: string, reason: string) =>
    `Flag "${e(name)}" has an invalid default: ${e(reason)}`,
  asyncValidator: (name: string, reason: string) => `Flag "${e(name)}": ${e(reason)}`,
  invalidValue: (d: FlagValueErrorDetails) =>
    `Flag "${e(d.flag)}" from ${originOf(d.source, d.origin)}: refused "${e(d.shown)}": ${e(d.reason)}; expected ${e(d.expected)}`,
  // Why a value was refused. For a sensitive flag only the library's own words are used: text a
  // validator or parser produced may quote the value, whole, in part or in a derived form.
  validationExpected: "a value that passes the flag's validation",
  validatorRefused: 'rejected by the validator',
  validatorIssues: (reasons: readonly string[], sensitive: boolean) =>
    // Not even how many: a validator reports an issue per bad item or field, which tells a
    // sensitive list's or document's shape.
    sensitive
      ? 'rejected by the validator (the reasons are not shown for a sensitive flag)'
      : reasons.map(e).join('; '),
  validatorThrew: (thrown: string | undefined) =>
    thrown === undefined
      ? 'the validator threw (what it threw is not shown for a sensitive flag)'
      : `the validator threw: ${e(thrown)}`,
  validatorAnsweredLater:
    'the validator answered with a Promise, but flag validation is synchronous',
  asyncSchema: (vendor: string) =>
    `the ${e(vendor)} schema is asynchronous; flag validation must be synchronous`,
  asyncFunction: 'the function validator is asynchronous; flag validation must be synchronous',
  validatorOutputWrongKind: (problem: string) => `the validator's output is ${e(problem)}`,
  codecRefused: (reason: string, detail: string | undefined) =>
    detail === undefined ? e(reason) : `${e(reason)} (${e(detail)})`,
  checkFailed: (thrown: string | undefined) =>
    thrown === undefined
      ? 'checking the value failed (the error is not shown for a sensitive flag)'
      : `checking the value failed: ${e(thrown)}`,
  listenerThrew: (flag: string, thrown: string) =>
    `A change subscriber of flag "${e(flag)}" threw: ${e(thrown)}`,
  batchListenerThrew: (set: string, thrown: string) =>
    `A batch listener of flag set "${e(set)}" threw: ${e(thrown)}`,
  unknownFlag: (name: string, where: string) => `Unknown flag "${e(name)}" in ${e(where)}`,
  malformedFlagArgument: (arg: string) =>
    `Flag ${e(arg)} is followed by characters a flag name cannot hold (not shown: they may be its value); write ${e(arg)}=VALUE, or ${e(arg)} VALUE as two arguments`,
  unknownFlagWithMore: (name: string) =>
    `Unknown flag "${e(name)}…" in the command line: the argument goes on with characters a flag name cannot hold (not shown: they may be a value)`,
  missingArgument: (arg: string) =>
    `Flag ${e(arg)} needs a value: ${e(arg)}=VALUE or ${e(arg)} VALUE`,
  notBoolForNo: (arg: string, name: string) =>
    `Flag ${e(arg)} is not a bool flag: "--no-" is only for bool flags; use --${e(name)}=VALUE`,
  watcherNotReady: (ms: number) => `the watcher was not ready after ${ms} ms`,
  commandLineHeading: 'Invalid command line:',
  environmentHeading: 'Invalid environment variables:',
  batchHeading: 'Invalid flag values (nothing was applied):',
  environmentCollision: (variable: string, a: string, b: string) =>
    `Environment variable ${e(variable)} would set both flag "${e(a)}" and flag "${e(b)}"`,
  flagNotFound: (name: string, set: string) =>
    `Flag "${e(name)}" does not exist in flag set "${e(set)}"`,
  // ConfigMap engine
  volumeUnstable: (dir: string, attempts: number) =>
    `The ConfigMap volume ${e(dir)} changed during ${attempts} reads in a row; will retry`,
  danglingData: (dir: string, target: string) =>
    `${e(dir)}/..data points to ${e(target)}, which does not exist; keeping the last values`,
  dataLeavesVolume: (dir: string, target: string) =>
    `${e(dir)}/..data points to ${e(target)}, outside the volume: a ConfigMap volume's versions live inside it, so it is not read; keeping the last values`,
  dataNotDirectory: (dir: string, target: string, kind: string) =>
    `${e(dir)}/..data points to ${e(target)}, which is ${e(kind)}, not a version directory; keeping the last values`,
  unreadableVersion: (dir: string, target: string, reason: string) =>
    `${e(dir)}/..data points to ${e(target)}, which cannot be read (${e(reason)}); keeping the last values`,
  unreadableDirectory: (dir: string, reason: string) =>
    `The ConfigMap directory ${e(dir)} cannot be read (${e(reason)}); keeping the last values`,
  unreadableKey: (file: string, reason: string) => `${e(file)} cannot be read (${e(reason)})`,
  danglingKeyLink: (file: string, target: string) =>
    `${e(file)} is a symlink to ${e(target)}, which does not exist`,
  notRegularAtOpen: (file: string, kind: string) =>
    `${e(file)} turned out to be ${e(kind)} when opened (only regular files are read)`,
  valueOverLimit: (file: string, max: number) =>
    `${e(file)} is over ${max} bytes: a ConfigMap value cannot exceed ${max} bytes (1 MiB)`,
  layoutBroken: (dir: string) =>
    `${e(dir)}/..data is missing while keys still link into it: kubelet's layout has been broken for over 2 s; reading what can be read`,
  dataIsDirectory: (dir: string) =>
    `${e(dir)}/..data is a directory, not kubelet's symlink: the directory is read as a plain one (keys through their links)`,
  orphanVersions: (dir: string) =>
    `${e(dir)} holds only kubelet-style entries without ..data (a version directory left by a failed write?) for over 2 s: they are ignored and the directory read as a plain one`,
  leavesVolume: (file: string) =>
    `${e(file)}: its real path leaves the volume (a symlink to elsewhere is never read in a ConfigMap volume)`,
  skippedEntry: (file: string, kind: string) =>
    `${e(file)}: ${e(kind)} is not a flag value (only regular files are read)`,
  skippedKey: (reason: string) => `Skipped ${e(reason)}`,
  unknownKey: (file: string) =>
    `Unknown key ${e(file)}: no flag of that name is declared (ignored; it may be meant for a newer release)`,
  unknownKeys: (count: number, first: readonly string[]) =>
    `${count} unknown keys: no flags of those names are declared (ignored; is the right ConfigMap mounted?): ${list(first)}, …`,
  skippedKeys: (count: number, first: readonly string[]) =>
    `${count} entries skipped (subdirectories, FIFOs, sockets, devices, links that dangle or leave the volume: only regular files are read; is the right directory mounted?): ${list(first)}, …`,
  pendingRestart: (name: string, file: string) =>
    `Static flag "${e(name)}" (${e(file)}) changed in the ConfigMap: it takes effect on restart`,
  missingDirectory: (dir: string) =>
    `The ConfigMap directory ${e(dir)} does not exist. Mount the ConfigMap volume there (volumeMounts[].mountPath: ${e(dir)}), or set optional: true to start on defaults and pick it up when it appears`,
  directoryVanished: (dir: string) =>
    `The ConfigMap directory ${e(dir)} disappeared; keeping the last values until it returns`,
  startupHeading: (dir: string) =>
    `Invalid flag values in the ConfigMap at ${e(dir)} (nothing was applied; set startOnInvalid to start on the valid values and defaults):`,
  startupStaticRefused: (dir: string, names: readonly string[]) =>
    `Invalid values of static flags in the ConfigMap at ${e(dir)}: ${list(names)}. startOnInvalid: 'unready' starts on fallbacks for dynamic flags only — a static flag takes a fixed value only at start, so fix the ConfigMap; the restarted pod picks it up:`,
  readFailed: (dir: string, reason: string) =>
    `Reading the ConfigMap at ${e(dir)} failed (${e(reason)}); keeping the last values, will retry`,
  watcherFailed: (dir: string, reason: string) =>
    `Watching ${e(dir)} failed (${e(reason)}); falling back to periodic checks`,
  layoutReplaced: (dir: string) =>
    `${e(dir)} has held no kubelet layout for over 2 s: it is read as a plain directory from now on, its files a version like any other (a key without a file there is a key removed)`,
  transientLayout: (dir: string) =>
    `${e(dir)}/..data is missing but keys still link into it (or it had kubelet's layout): a relink or deletion in progress? Keeping the last values`,
  refusedKey: (name: string, reason: string) =>
    `Flag "${e(name)}": ${e(reason)}; keeping its last value`,
  listenerHookThrew: (flag: string, reason: string) =>
    `The onListenerError hook of flag "${e(flag)}" threw: ${e(reason)} (the change stands; the other subscribers are still called)`,
  reloadListenerFailed: (reason: string) =>
    `A reload listener threw: ${e(reason)} (reloading carries on)`,
  // Nest module
  missingEventEmitter:
    'DflagModule needs the event bus of @nestjs/event-emitter (for flag.changed and flag.reloaded): add EventEmitterModule.forRoot() to the imports of your root module (it is global by default; with global: false, import it where DflagModule is imported)',
  eventEmitterFailed: (reason: string) =>
    `The event emitter failed to bind its listeners (${e(reason)}); flag events are emitted anyway`,
  listenerFailed: (event: string, reason: string) =>
    `A listener of "${e(event)}" failed: ${e(reason)} (reloading carries on)`,
  flagSetBoundElsewhere: (set: string, path: string, other: string) =>
    `Flag set "${e(set)}" is already bound to the ConfigMap at ${e(path)}, so it cannot be bound to ${e(other)}: pass the same path to loadFlags() and DflagModule, or bind another FlagSet`,
  optionsDiffer: (set: string, differences: readonly string[]) =>
    `Flag set "${e(set)}" was loaded by loadFlags() with other options than DflagModule gives it: ${list(differences)}. The module reuses that load, so pass the same options to both (e.g. one shared object)`,
  flagSetBoundTwice: (set: string, path: string) =>
    `Flag set "${e(set)}" (${e(path)}) is already bound by another DflagModule registration: bind each FlagSet once, and give a second set its own registration name`,
  flagsNotInSet: (names: readonly string[], set: string) =>
    `The flags option holds flags not declared in flag set "${e(set)}": ${list(names)}; pass the set they were declared in as flagSet`,
  flagSetWatchedElsewhere: (set: string, path: string) =>
    `Flag set "${e(set)}" (${e(path)}) is already watched by another Nest application in this process (initialised and not closed): close it first, or bind another FlagSet`,
  flagSetRebound: (set: string, path: string) =>
    `Flag set "${e(set)}" was bound anew (to ${e(path)}, or with other options) by a Nest application created after this one: only the application created last can watch it; create this application again once the other one is closed`,
  flagSetReleased: (set: string) =>
    `Flag set "${e(set)}" was released when another Nest application bound to it closed: create this application again`,
  loadOptionsDiffer: (set: string, differences: readonly string[]) =>
    `loadFlags() was called for flag set "${e(set)}" with other options than the engine already loaded for it: ${list(differences)}. The call returns that load, so pass the same options (e.g. one shared object), or omit them`,
  // Options
  invalidOptions: (where: string, problems: readonly string[]) =>
    [`Invalid options for ${e(where)}:`, ...problems.map((problem) => `  - ${e(problem)}`)].join(
      '\n',
    ),
  optionsNotObject: (expected: string, shown: string) => `expected ${e(expected)}, got ${e(shown)}`,
  invalidOption: (name: string, shown: string, accepts: string) =>
    `${e(name)} is ${e(shown)}: expected ${e(accepts)}`,
  missingOption: (name: string, accepts: string) => `${e(name)} is missing: expected ${e(accepts)}`,
  unknownOption: (
    name: string,
    where: string,
    suggestion: string | undefined,
    known: readonly string[],
  ) =>
    suggestion
      ? `${e(name)} is not an option of ${e(where)}: did you mean "${e(suggestion)}"?`
      : `${e(name)} is not an option of ${e(where)} (its options: ${list(known)})`,
  misplacedOption: (name: string, where: string, hint: string) =>
    `${e(name)} is not an option of ${e(where)}: ${e(hint)}`,
  valueIsNaN: 'NaN (what Number() gives for an unset or non-numeric environment variable)',
  acceptsBoolean: 'true or false',
  acceptsStartOnInvalid: "true, false or 'unready'",
  acceptsOneOf: (values: readonly string[]) => {
    const quoted = values.map((value) => JSON.stringify(value));
    return quoted.length > 1
      ? `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`
      : (quoted[0] ?? '');
  },
  acceptsMilliseconds: (min: number, max: number, maxInWords: string, zeroIsOff: boolean) =>
    zeroIsOff
      ? `an integer number of milliseconds: 0 (off), or from ${min} to ${max} (${e(maxInWords)})`
      : `an integer number of milliseconds from ${min} to ${max} (${e(maxInWords)})`,
  acceptsPath: 'a non-empty string: the directory the ConfigMap volume is mounted at',
  acceptsPathOrOptions: 'a path (a non-empty string) or an options object',
  acceptsOptionsObject: 'an options object',
  acceptsFlagSet: 'a FlagSet',
  acceptsFlags: 'the object of flag handles defineFlags() returned',
  acceptsLogger: "an object with log(), warn() and error() methods (Nest's Logger fits)",
  objectLacks: (methods: readonly string[]) =>
    `an object without ${methods.map((method) => `${e(method)}()`).join(' and ')}`,
  acceptsRegistrationName: "a non-empty string (the registration's name)",
  acceptsArrayOf: (what: string) => `an array of ${e(what)}`,
  acceptsFactory: 'a function returning the options (or a promise of them)',
  acceptsClass: 'a class',
  acceptsToken: 'an injection token',
  asyncOptionsSource:
    'one of useFactory, useClass or useExisting is needed: it provides the options',
  asyncOptionsSources: (given: readonly string[]) =>
    `give only one of useFactory, useClass or useExisting (given: ${list(given)})`,
  extraInFactory: (name: string) => `give ${e(name)} to forRootAsync() itself, next to useFactory`,
  // An error is a refused value, or what refused the version as a whole (its ..data leading
  // outside the volume, a read that failed): counted as errors, not as refused values.
  healthLastVersion: (result: string, errors: number) =>
    `the last ConfigMap version was ${e(result)} (${errors} error${errors === 1 ? '' : 's'}); the last good values serve`,
  healthPendingRestart: (names: readonly string[]) =>
    `static flags changed in the ConfigMap take effect on restart: ${list(names)}`,
  healthPeriodic: (reason: string | undefined) =>
    `the file watcher failed${reason ? ` (${e(reason)})` : ''}; changes are picked up by periodic checks only`,
  // Said for both cases: missing since start (fallbacks serve) or since a version was read.
  healthDirectoryMissing: (path: string) =>
    `the ConfigMap directory ${e(path)} is missing; flags keep the values last read from it, or their fallbacks if it was never there`,
  healthStartedOnFallbacks:
    'the application started on fallbacks for refused values (startOnInvalid), and no version has applied cleanly since',
  healthNotReady: (names: readonly string[]) =>
    `not ready: started on fallbacks for refused values (startOnInvalid: 'unready') of ${list(names)}; ready once a ConfigMap version gives them valid values`,
  healthNotWatching: (path: string) =>
    `the ConfigMap at ${e(path)} is not watched (the engine stopped while the application runs): values no longer follow it`,
  healthOverriddenAtRuntime: (names: readonly string[]) =>
    `flag overridden at runtime: ${list(names)} (until each expires or is removed)`,
  healthStopped:
    'the ConfigMap is not being watched (watchMode: stopped): its changes are not applied',
  healthNoRegistration: (name: string | undefined) =>
    `DflagHealthIndicator found no DflagModule registration${name ? ` named "${e(name)}"` : ''}: import DflagModule.forRoot() (or forRootAsync()) in the application${name ? ` with name: "${e(name)}"` : ''}`,
  testingPath: '(in memory: DflagTestingModule)',
  injectedFlagMissing: (flag: string, set: string, consumer: string | undefined) =>
    `${e(consumer ?? 'A provider')} injects flag "${e(flag)}" with @InjectFlag(), but flag set "${e(set)}" declares no flag of that name`,
  flagsLoaded: (d: {
    flagSet: string;
    path: string;
    layout: string;
    version: string | undefined;
    generation: number;
    dynamic: string;
    static: string;
    fromConfigMap: number;
  }) =>
    `Flag set "${e(d.flagSet)}" loaded from ${e(d.path)} (${e(d.layout)} layout, version ${e(d.version ?? 'none')}, generation ${d.generation}): ${d.fromConfigMap} ${d.fromConfigMap === 1 ? 'flag' : 'flags'} set by the ConfigMap; checksums dynamic ${e(d.dynamic)}, static ${e(d.static)}`,
  // `changes` are already redacted and escaped (`name: old → new`).
  flagsChanged: (
    flagSet: string,
    changes: readonly string[],
    source: string,
    version: string | undefined,
  ) =>
    `Flag set "${e(flagSet)}" changed from ${e(source)} (version ${e(version ?? 'none')}): ${changes.join(', ')}`,
  hiddenByConfigMap: (name: string, file: string, hidden: readonly string[]) =>
    `Flag "${e(name)}": the ConfigMap key ${e(file)} hides the value given ${hidden.map((source) => (source === 'environment' ? 'in the environment' : 'on the command line')).join(' and ')} (the configmap layer is above ${list(hidden)}); remove the key to use that value`,
  subPathMounted: (dir: string, mounts: readonly string[]) =>
    `The ConfigMap directory ${e(dir)} has no ..data and ${list(mounts)} ${mounts.length === 1 ? 'is a subPath mount' : 'are subPath mounts'}: kubelet never updates a subPath, so these values stay as they are until the pod restarts. Mount the whole volume (volumeMounts[] without subPath) to follow the ConfigMap`,
  logLevelExpected:
    'Nest log levels: one of fatal, error, warn, log, debug, verbose (that level and every more severe one), a comma-separated list of them (exactly those levels), or nothing (the levels the application was started with)',
  logLevelDescription:
    'The Nest log levels: one level (it and the more severe ones), a comma-separated list (exactly those), or empty (the levels the application was started with)',
  unknownLogLevel: (item: string) =>
    `"${e(item)}" is not a Nest log level (fatal, error, warn, log, debug, verbose)`,
  acceptsLogLevel:
    'true, false, or { flag?: a flag name, onChange?: a function receiving the new levels }',
  logLevelFlagForeign: (name: string, set: string) =>
    `Flag "${e(name)}" of flag set "${e(set)}" is not a log level flag: declare it with logLevelFlag(), leave it to DflagModule (logLevel), or give logLevel another flag name`,
  logLevelAfterLoad: (name: string, set: string) =>
    `Flag set "${e(set)}" was already read without the log level flag "${e(name)}": give logLevel to loadFlags() too, or declare the flag with logLevelFlag() before reading`,
  logLevelHookThrew: (name: string, reason: string) =>
    `The onChange hook of log level flag "${e(name)}" threw (the Nest log levels are applied): ${e(reason)}`,
} as const;
