import { escapeText as e } from '../errors/escape-text.util.js';

// Every parameter is escaped (`e`), as in lib/errors/messages.constant.ts: a registration name or
// a prefix comes from the application, but must not break or disguise a log line either.

/** metricsMessages holds every user-facing string of `nestjs-dflag/metrics`. */
export const metricsMessages = {
  where: 'DflagMetricsModule.register()',
  acceptsRegistrationName: "a non-empty string (the DflagModule registration's name)",
  acceptsRegistry: "a prom-client Registry (prom-client's `register`, or `new Registry()`)",
  acceptsPrefix:
    'a string of letters, digits, "_" and ":", not starting with a digit (a Prometheus metric name prefix), or ""',
  promClientMissing:
    'DflagMetricsModule needs the package prom-client, which is not installed: run `npm install prom-client` (version ^15), or remove DflagMetricsModule.register() from the imports',
  noRegistration: (name: string) =>
    `DflagMetricsModule.register() found no DflagModule registration named "${e(name)}": import DflagModule.forRoot() (or forRootAsync())${name === 'default' ? '' : ` with name: "${e(name)}"`} in the application, or give register() the name of one that is`,
  alreadyAttached: (metric: string, name: string, prefix: string) =>
    `The metric ${e(metric)}{flagset="${e(name)}"} is already registered in this registry: DflagMetricsModule.register() was called twice for DflagModule registration "${e(name)}" with the same registry and prefix "${e(prefix)}" (or an application still running in this process registered it). Register each registration's metrics once, or give the second register() its own registry or prefix`,
  nameTaken: (metric: string, prefix: string) =>
    `The metric ${e(metric)} is already registered in this registry by something other than DflagMetricsModule: give DflagMetricsModule.register() its own registry (\`registry: new Registry()\`) or another prefix than "${e(prefix)}"`,
  // HELP texts of the metrics (they are shown in every scrape).
  helpLastReloadSuccessful:
    'Whether the last ConfigMap version processed applied cleanly (1) or was refused in part or whole (0).',
  helpLastReloadSuccessTimestamp:
    'When a ConfigMap version last applied cleanly, in seconds since the epoch (0: not since start).',
  helpReloadsTotal:
    'ConfigMap versions processed since the application started, the initial load included, by result.',
  helpReloadDuration: 'How long reading, validating and applying a ConfigMap version took.',
  helpConfigHash:
    'The leading 48 bits of the published checksum of the current values (dynamic or static flags), as a number; equal on replicas serving the same values.',
  helpPendingRestart:
    'Static flags whose ConfigMap value differs from the running value: they take effect on restart.',
  helpOverriddenAtRuntime:
    'Flags holding a value set at run time through the setter (on this pod only, until it expires or is removed).',
  helpDirectoryMissing:
    'Whether the ConfigMap directory is missing (1): flags keep the values last read from it, or their fallbacks; the watch mode is periodic meanwhile.',
  helpUnknownKeys: 'Keys of the last ConfigMap version that no declared flag has.',
  helpFlagChanges:
    'Real changes of each flag since the application started, from any source (ConfigMap, override, apply, environment, command line).',
  helpWatchMode:
    'How the ConfigMap is followed: 1 for the current mode (events, polling, periodic: the watcher failed or the directory is missing, stopped), 0 for the others.',
  helpInfo:
    'The ..data target (version directory) whose values serve, "" for a plain directory; per pod, not for comparing replicas.',
  helpReady:
    "Whether the application may take traffic as far as its flags go (0 only under startOnInvalid: 'unready').",
  helpLatestVersionRefused:
    'Whether the newest ConfigMap version seen was refused in part or whole (1), so that an older one may serve.',
  helpLastReloadErrors:
    'Refused values (or a failed read) of the last ConfigMap version processed.',
  helpRefusedAtStart:
    'Flags still serving a fallback because their value was refused at start (startOnInvalid).',
} as const;
