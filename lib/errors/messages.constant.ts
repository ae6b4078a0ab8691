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
  dataNotDirectory: (dir: string, target: string, kind: string) =>
    `${dir}/..data points to ${target}, which is ${kind}, not a version directory; keeping the last values`,
  unreadableVersion: (dir: string, target: string, reason: string) =>
    `${dir}/..data points to ${target}, which cannot be read (${reason}); keeping the last values`,
  unreadableDirectory: (dir: string, reason: string) =>
    `The ConfigMap directory ${dir} cannot be listed (${reason}); keeping the last values`,
  unreadableKey: (file: string, reason: string) => `${file} cannot be read (${reason})`,
  danglingKeyLink: (file: string, target: string) =>
    `${file} is a symlink to ${target}, which does not exist`,
  notRegularAtOpen: (file: string, kind: string) =>
    `${file} turned out to be ${kind} when opened (only regular files are read)`,
  valueOverLimit: (file: string, max: number) =>
    `${file} is over ${max} bytes: a ConfigMap value cannot exceed ${max} bytes (1 MiB)`,
  layoutBroken: (dir: string) =>
    `${dir}/..data is missing while keys still link into it: kubelet's layout has been broken for over 2 s; reading what can be read`,
  orphanVersions: (dir: string) =>
    `${dir} holds only kubelet-style entries without ..data (a version directory left by a failed write?) for over 2 s: they are ignored and the directory read as a plain one`,
  leavesVolume: (file: string) =>
    `${file}: its real path leaves the volume (a symlink to elsewhere is never read in a ConfigMap volume)`,
  skippedEntry: (file: string, kind: string) =>
    `${file}: ${kind} is not a flag value (only regular files are read)`,
  skippedKey: (reason: string) => `Skipped ${reason}`,
  valueTooLarge: (file: string, size: number, max: number) =>
    `${file} is ${size} bytes: a ConfigMap value cannot exceed ${max} bytes (1 MiB)`,
  unknownKey: (file: string) =>
    `Unknown key ${file}: no flag of that name is declared (ignored; it may be meant for a newer release)`,
  unknownKeys: (count: number, first: readonly string[]) =>
    `${count} unknown keys: no flags of those names are declared (ignored; is the right ConfigMap mounted?): ${first.join(', ')}, …`,
  pendingRestart: (name: string, file: string) =>
    `Static flag "${name}" (${file}) changed in the ConfigMap: it takes effect on restart`,
  missingDirectory: (dir: string) =>
    `The ConfigMap directory ${dir} does not exist. Mount the ConfigMap volume there (volumeMounts[].mountPath: ${dir}), or set optional: true to start on defaults and pick it up when it appears`,
  directoryVanished: (dir: string) =>
    `The ConfigMap directory ${dir} disappeared; keeping the last values until it returns`,
  startupHeading: (dir: string) =>
    `Invalid flag values in the ConfigMap at ${dir} (nothing was applied; set startOnInvalid to start on the valid values and defaults):`,
  startupStaticRefused: (dir: string, names: readonly string[]) =>
    `Invalid values of static flags in the ConfigMap at ${dir}: ${names.join(', ')}. startOnInvalid: 'unready' starts on fallbacks for dynamic flags only — a static flag takes a fixed value only at start, so fix the ConfigMap; the restarted pod picks it up:`,
  readFailed: (dir: string, reason: string) =>
    `Reading the ConfigMap at ${dir} failed (${reason}); keeping the last values, will retry`,
  watcherFailed: (dir: string, reason: string) =>
    `Watching ${dir} failed (${reason}); falling back to periodic checks`,
  transientLayout: (dir: string) =>
    `${dir}/..data is missing but keys still link into it (or it had kubelet's layout): a relink or deletion in progress? Keeping the last values`,
  refusedKey: (name: string, reason: string) => `Flag "${name}": ${reason}; keeping its last value`,
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
  healthNotReady: (names: readonly string[]) =>
    `not ready: started on fallbacks for refused values (startOnInvalid: 'unready') of ${names.join(', ')}; ready once a ConfigMap version gives them valid values`,
  healthNotWatching: (path: string) =>
    `the ConfigMap at ${path} is not watched (the engine stopped while the application runs): values no longer follow it`,
  healthNoRegistration: (name: string | undefined) =>
    `DflagHealthIndicator found no DflagModule registration${name ? ` named "${name}"` : ''}: import DflagModule.forRoot() (or forRootAsync()) in the application${name ? ` with name: "${name}"` : ''}`,
  testingPath: '(in memory: DflagTestingModule)',
  injectedFlagMissing: (flag: string, set: string, consumer: string | undefined) =>
    `${consumer ?? 'A provider'} injects flag "${flag}" with @InjectFlag(), but flag set "${set}" declares no flag of that name`,
} as const;
