import { escapeText as e } from '../errors/escape-text.util.js';
import type { FlagSource } from '../flags/flag-source.js';

// Every parameter is escaped (`e`): keys, values, URLs and reasons come from a manifest, a volume
// or a pod's answer, and must not break or disguise a line of output.

/** SOURCE_WORDS says where a value comes from, after the value: `30s (its default)`. */
const SOURCE_WORDS: Readonly<Record<FlagSource, string>> = {
  default: 'its default',
  environment: 'from the environment',
  'command-line': 'from the command line',
  configmap: 'from the ConfigMap',
  runtime: 'a runtime value',
  override: 'an override in code',
};

/** diffMessages holds every user-facing string of `dflag diff`; parameterised ones are functions. */
export const diffMessages = {
  summary: 'preview what applying a ConfigMap or Secret would change on a pod, key by key',
  usage: [
    'Usage: dflag diff -f <manifest.yaml> [-f …] --against <dir | URL> [--flags <module.js>]',
    '                  [--name <name> …] [-H "Name: value" …] [--timeout <duration>] [--json]',
    '',
    'Prints, per key, what applying the manifest would do on one pod: unchanged, old → new,',
    'refused (with the reason), a static flag that takes effect on restart, an unknown key, or a',
    "removed key and the value it falls back to. --against is the pod's listing URL (the JSON of",
    'DflagListingModule, e.g. http://localhost:9090/debug/flags through kubectl port-forward) or',
    "a directory holding the mounted ConfigMap (kubelet's layout or plain files). Values are",
    'compared typed (a JSON value written differently is unchanged). Sensitive values, and every',
    'key of a Secret, are shown as [redacted]. Exits 0 when nothing would change, 1 when',
    'something would, 2 when the diff could not be made.',
    '',
    'Options:',
    '  -f, --filename <file>  the manifest (YAML, one or more documents; at most 32 MiB,',
    '                         4 MiB per document); - reads it from standard input (repeat -f',
    '                         for the sources of a projected volume)',
    "      --against <target> the pod's listing URL (http or https), or a directory",
    "      --flags <module>   the application's flags module: values are validated as the",
    "                         application would (without it: by the listing's types only,",
    '                         or, against a directory, compared as text)',
    '      --name <name>      a ConfigMap or Secret to diff, by metadata.name (repeatable)',
    '  -H, --header <header>  a request header for the listing, "Name: value" (repeatable),',
    '                         e.g. -H "Authorization: Bearer $TOKEN"',
    '      --timeout <d>      how long to wait for the listing (default 10s)',
    '      --json             print the diff as JSON (see README "dflag diff")',
    '  -h, --help             show this help',
    '',
  ].join('\n'),
  urlOnlyOptions: 'dflag diff: --timeout and -H apply to a listing URL only, not to a directory',
  badTarget: (target: string) =>
    `dflag diff: --against "${e(target)}" is neither an http(s) URL nor a directory path`,
  credentialsInUrl:
    'dflag diff: the --against URL holds credentials; give them as a header instead ' +
    '(-H "Authorization: …"), never in the URL',
  // The header is not quoted: it may hold a credential, and usage errors end up in CI logs.
  badHeader: (position: number) =>
    `dflag diff: header ${position} (-H) is not "Name: value" with a valid name and a value HTTP can carry (not shown: it may hold a credential)`,
  badTimeout: (text: string) =>
    `dflag diff: --timeout "${e(text)}" is not a positive duration such as 10s or 1m`,
  unreachable: (url: string, reason: string) =>
    `cannot reach the listing at ${e(url)}: ${e(reason)}`,
  timedOut: (url: string, timeout: string) =>
    `the listing at ${e(url)} did not answer within ${e(timeout)} (--timeout)`,
  unauthorized: (url: string, status: number, statusText: string) =>
    `the listing at ${e(url)} answered ${status} ${e(statusText)}: it needs credentials; give ` +
    'them with -H (e.g. -H "Authorization: Bearer $TOKEN")',
  forbidden: (url: string, status: number, statusText: string) =>
    `the listing at ${e(url)} answered ${status} ${e(statusText)}: its guards or its Host check ` +
    'refused the request (check the -H credentials, and reach it as localhost, an IP address or ' +
    'a name in allowedHosts)',
  redirected: (url: string, status: number, location: string) =>
    `the listing at ${e(url)} answered ${status}, a redirect to ${e(location)}: dflag diff does ` +
    'not follow redirects (they could carry the -H headers elsewhere); give the listing URL itself',
  httpError: (url: string, status: number, statusText: string) =>
    `the listing at ${e(url)} answered ${status} ${e(statusText)}`,
  tooLarge: (url: string, limit: number) =>
    `the listing at ${e(url)} answered more than ${limit / (1024 * 1024)} MiB`,
  notJson: (url: string, contentType: string) =>
    `the listing at ${e(url)} did not answer JSON (Content-Type: ${e(contentType || 'none')}); ` +
    'is it the URL of a DflagListingModule listing?',
  notListing: (url: string, problem: string) =>
    `the answer of ${e(url)} is not a dflag listing: ${e(problem)}`,
  filteredListing: (url: string) =>
    `the listing at ${e(url)} is filtered (?type or ?only_changed): a diff needs every flag; ` +
    'drop those parameters',
  directoryMissing: (dir: string) => `the directory ${e(dir)} does not exist`,
  directoryProblem: (problem: string) => `cannot read the directory: ${e(problem)}`,
  sourceDescription: (kind: string, name: string) => `${e(kind)} ${e(name)}`,
  listingTarget: (url: string, hostname: string) => `${e(url)} (pod ${e(hostname)})`,
  valueFrom: (value: string, source: FlagSource | null) =>
    source === null || source === 'configmap' ? e(value) : `${e(value)} (${SOURCE_WORDS[source]})`,
  unknownValueFrom: (source: FlagSource | null) =>
    source === null || source === 'configmap' ? 'a value not shown' : SOURCE_WORDS[source],
  unchangedLine: (key: string) => `${e(key)}: unchanged`,
  changedLine: (key: string, previous: string, next: string) => `${e(key)}: ${previous} → ${next}`,
  refusedLine: (key: string, reason: string, kept: string) =>
    `${e(key)}: refused: ${e(reason)}; the pod keeps ${kept}`,
  removedLine: (key: string, previous: string | null, fallback: string) =>
    `${e(key)}: removed${previous === null ? '' : ` (was ${previous})`}; falls back to ${fallback}`,
  unknownLine: (key: string, what: string) => `${e(key)}: unknown key: ${e(what)}`,
  undeterminedLine: (key: string) =>
    `${e(key)}: [redacted] → [redacted]? a sensitive value: the listing never shows it, so ` +
    'whether it changes cannot be told (counted as a change; diff against a directory to compare)',
  restartSuffix: '; static flag: takes effect on restart',
  notesSuffix: (notes: readonly string[]) =>
    notes.length === 0 ? '' : ` (${notes.map(e).join('; ')})`,
  unknownOnPod: 'the pod declares no flag of that name; ignored',
  unknownInFlags: 'no flag of that name is declared in --flags; ignored',
  hiddenKey: 'never read as a flag: keys starting with "." are skipped in a mounted ConfigMap',
  unknownAdded: 'new in the ConfigMap',
  unknownRemoved: 'removed from the ConfigMap',
  declaredInFlagsOnly: 'declared in --flags but not by the pod (a newer release?)',
  reformatted: 'same value, written differently',
  refusedByDeclaration: 'the --flags declaration refuses the value',
  sensitiveRefused: 'the value is refused (the reason is not shown for a sensitive flag)',
  runtimeServes: (until: string | null) =>
    until === null
      ? 'a value above the ConfigMap (runtime or code) serves meanwhile'
      : `a runtime value serves until ${e(until)}, then the ConfigMap's`,
  layersUnknown:
    "the pod's listing does not show its layers: an environment variable or a command-line " +
    'flag may set the value instead',
  currentRefused: 'the current file is refused by the flag (the pod kept an earlier value)',
  currentUnreadable: (reason: string) => `the current file cannot be read: ${e(reason)}`,
  noteLine: (message: string) => `note: ${e(message)}`,
  typesOnly:
    "without --flags, values are checked against each flag's type only: the application's " +
    'validators are not run',
  textOnly:
    'without --flags, values are compared as text: not parsed or validated, static and unknown ' +
    "keys not told, the directory's values not shown (whether they hold a secret is not known), " +
    'and removed keys fall back to a value not shown',
  warningLine: (message: string) => `warning: ${e(message)}`,
  podNotWatching: (mode: string) =>
    `the pod is not following its ConfigMap (watch mode ${mode}): a change reaches it only at a restart or a periodic check`,
  podDirectoryMissing:
    "the pod's ConfigMap directory is missing: it keeps the values last read from it, or its fallbacks if it was never there",
  podLayoutProblem:
    "the pod's volume layout is broken (see its listing): keys linking into ..data are refused",
  podLatestRefused: (latest: string, serving: string) =>
    `the pod refused its latest version (${latest}) as a whole and serves ${serving}: compare with what it really holds`,
  podContentRefused:
    "the pod refused its directory's latest content as a whole (see its listing): every key keeps its earlier value",
  podReloadErrors: (count: number) =>
    `the pod's last reload refused ${count} ${count === 1 ? 'key' : 'keys'} (see its listing): those keep earlier values`,
  podNotReady: 'the pod is not ready (a refused value serves a fallback)',
  counts: (counts: Readonly<Record<string, number>>) => {
    const parts = Object.entries(counts)
      .filter(([, count]) => count > 0)
      .map(([status, count]) => `${count} ${status}`);
    return parts.length === 0 ? 'no keys' : parts.join(', ');
  },
  summaryLine: (sources: string, target: string, counts: string, differs: boolean) =>
    `${sources} against ${e(target)}: ${differs ? counts : `nothing would change (${counts})`}`,
} as const;
