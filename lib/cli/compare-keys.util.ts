import type { ConfigMapManifest } from '../configmap/manifest/configmap-manifest.interface.js';
import { manifestToPayload } from '../configmap/manifest/manifest-payload.util.js';
import type { FlagSource } from '../flags/flag-source.js';
import { REDACTED } from '../flags/redact.util.js';
import { parseReason } from '../flags/refusal-reason.util.js';
import { checkManifest } from './check-manifest.util.js';
import { cliMessages } from './cli-messages.constant.js';
import type { DiffFlagLike } from './diff-flag-like.interface.js';
import { diffMessages } from './diff-messages.constant.js';
import type { DiffEntry, DiffReport, DiffStatus, DiffValue } from './diff-report.interface.js';
import { DIFF_STATUSES } from './diff-report.interface.js';
import type {
  DiffTarget,
  DirectoryTarget,
  ListingFlagView,
  ListingTarget,
} from './diff-target.interface.js';
import type { FlagSetLike } from './flag-set-like.interface.js';
import { kindCodec } from './kind-codec.util.js';
import { listingJsonText, sameListingJson, toListingJson } from './listing-json.util.js';

/** DiffInput is what {@link compareKeys} compares. */
export interface DiffInput {
  /** DiffInput.sources are the ConfigMaps and Secrets to apply (one volume: no key in two of them). */
  readonly sources: readonly ConfigMapManifest[];
  /** DiffInput.target is the pod's listing or the directory. */
  readonly target: DiffTarget;
  /** DiffInput.sets are the --flags module's flag sets; undefined without --flags. */
  readonly sets?: readonly FlagSetLike[] | undefined;
}

/** Desired is what a key would hold once applied. */
interface Desired {
  readonly bytes: Uint8Array;
  /** A Secret gives it: sensitive whatever its flag declares. */
  readonly secret: boolean;
}

/** Compared is one key's entry, and whether it counts as a difference (the exit code). */
interface Compared {
  readonly entry: DiffEntry;
  readonly differs: boolean;
}

/** KeyContext is what every comparison of one key needs. */
interface KeyContext {
  readonly key: string;
  readonly want: Desired | undefined;
  /** The --flags declarations of the key, the first one parsing. */
  readonly declaring: readonly DiffFlagLike[];
  /** Why a --flags set refuses the new value (already withheld for secrets), if it does. */
  readonly refusal: string | undefined;
  readonly flagsGiven: boolean;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** rawText is a file's bytes as text, or `<N bytes>` when they are not UTF-8. */
function rawText(bytes: Uint8Array): string {
  try {
    return UTF8.decode(bytes);
  } catch {
    return `<${bytes.byteLength} bytes>`;
  }
}

const sameBytes = (a: Uint8Array, b: Uint8Array): boolean => Buffer.compare(a, b) === 0;

const entry = (
  key: string,
  status: DiffStatus,
  fields: Partial<Omit<DiffEntry, 'key' | 'status'>>,
): DiffEntry => ({
  key,
  status,
  restart: false,
  sensitive: false,
  dynamic: null,
  old: null,
  new: null,
  reason: null,
  notes: [],
  ...fields,
});

/** LOWER_LAYERS are the layers a removed ConfigMap key falls back to, highest first. */
const LOWER_LAYERS: readonly FlagSource[] = ['command-line', 'environment', 'default'];

/**
 * compareKeys tells, for every key of the manifests or the target, what applying the manifests
 * would do on the pod (see {@link DiffStatus}). Values are compared typed where the flag's type
 * is known — parsed with the --flags declaration, else with the listing's type — so JSON
 * written differently, `1m` against `60s`, or a set in another order are unchanged. A sensitive
 * value (a sensitive flag on the pod or in --flags, any key of a Secret) is never put in the
 * report, nor a reason a parser or validator gave about it.
 */
export function compareKeys(input: DiffInput): DiffReport {
  const desired = new Map<string, Desired>();
  const refusals = new Map<string, string>();
  for (const manifest of input.sources) {
    const secret = manifest.kind === 'Secret';
    for (const [key, value] of Object.entries(manifestToPayload(manifest))) {
      if (desired.has(key)) continue; // refused before: projectSources names such conflicts
      const bytes = typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
      desired.set(key, { bytes: bytes as Uint8Array, secret });
    }
    if (input.sets === undefined) continue;
    for (const { key, message } of checkManifest(manifest, input.sets).errors) {
      if (key !== null && !refusals.has(key)) refusals.set(key, message);
    }
  }
  const { target } = input;
  const keys = new Set(desired.keys());
  if (target.kind === 'listing') {
    for (const [name, flag] of target.flags) if (inConfigMap(flag)) keys.add(name);
    for (const name of target.unknownKeys) keys.add(name);
  } else {
    for (const name of target.entries.keys()) keys.add(name);
    for (const name of target.unreadable.keys()) keys.add(name);
  }
  const compared: Compared[] = [];
  for (const key of [...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
    const declaring =
      input.sets?.flatMap((set) => {
        const flag = set.find(key) as DiffFlagLike | undefined;
        return flag === undefined ? [] : [flag];
      }) ?? [];
    const context: KeyContext = {
      key,
      want: desired.get(key),
      declaring,
      refusal: refusals.get(key),
      flagsGiven: input.sets !== undefined,
    };
    compared.push(
      target.kind === 'listing'
        ? compareWithListing(context, target)
        : input.sets === undefined
          ? compareText(context, target)
          : compareWithDeclarations(context, target),
    );
  }
  const counts = Object.fromEntries(DIFF_STATUSES.map((s) => [s, 0])) as Record<DiffStatus, number>;
  for (const { entry: e } of compared) counts[e.status]++;
  return {
    version: 1,
    against:
      target.kind === 'listing'
        ? {
            kind: 'listing',
            url: target.url,
            hostname: target.hostname,
            registration: target.registration,
            flag_set: target.flagSet,
            pod_warnings: target.podWarnings,
          }
        : { kind: 'directory', path: target.path, layout: target.layout, version: target.version },
    sources: input.sources.map(({ kind, name }) => ({ kind, name })),
    compared: input.sets !== undefined ? 'flags' : target.kind === 'listing' ? 'types' : 'text',
    keys: compared.map((c) => c.entry),
    counts,
    differs: compared.some((c) => c.differs),
  };
}

/** inConfigMap tells whether the pod's ConfigMap sets the flag (its layers say; else its source). */
function inConfigMap(flag: ListingFlagView): boolean {
  return flag.layers !== undefined
    ? Object.hasOwn(flag.layers, 'configmap')
    : flag.source === 'configmap';
}

/** unknownEntry: no flag of that name; the pod ignores it, and no value of it is shown. */
function unknownEntry(
  context: KeyContext,
  present: boolean,
  what: string,
  notes: string[],
): Compared {
  const { key, want } = context;
  const added = want !== undefined && !present;
  const removed = want === undefined && present;
  const detail = key.startsWith('.')
    ? diffMessages.hiddenKey
    : added
      ? `${what} (${diffMessages.unknownAdded})`
      : removed
        ? `${what} (${diffMessages.unknownRemoved})`
        : what;
  return {
    entry: entry(key, 'unknown', { reason: detail, notes, sensitive: want?.secret ?? false }),
    differs: added || removed,
  };
}

/** typeRefusal is why the listing type's parser refuses a value (without --flags), if it does. */
function typeRefusal(kind: string, bytes: Uint8Array, sensitive: boolean): string | undefined {
  const codec = kindCodec(kind);
  if (codec === undefined) return undefined;
  try {
    codec.parse(bytes);
    return undefined;
  } catch (error) {
    if (sensitive) return diffMessages.sensitiveRefused;
    return cliMessages.refusedValue(parseReason(error, false), codec.expected);
  }
}

function compareWithListing(context: KeyContext, target: ListingTarget): Compared {
  const { key, want, declaring } = context;
  const pod = target.flags.get(key);
  if (pod === undefined) {
    const notes = declaring.length > 0 ? [diffMessages.declaredInFlagsOnly] : [];
    return unknownEntry(context, target.unknownKeys.has(key), diffMessages.unknownOnPod, notes);
  }
  const sensitive = pod.sensitive || declaring.some((f) => f.sensitive) || (want?.secret ?? false);
  const kind = pod.type;
  const show = (json: unknown): string => (sensitive ? REDACTED : listingJsonText(kind, json));
  const present = inConfigMap(pod);
  const current = present
    ? pod.layers !== undefined
      ? pod.layers['configmap']
      : pod.value
    : undefined;
  const old: DiffValue = present
    ? { value: show(current), source: 'configmap' }
    : { value: show(pod.value), source: pod.source };
  const notes: string[] = [];
  if (pod.source === 'runtime' || pod.source === 'override') {
    notes.push(diffMessages.runtimeServes(pod.overridden_until));
  }
  const base = { sensitive, dynamic: pod.is_dynamic, old, notes };
  const restart = !pod.is_dynamic;
  if (want === undefined) {
    const fallback = listingFallback(pod, show, notes);
    return { entry: entry(key, 'removed', { ...base, new: fallback, restart }), differs: true };
  }
  const refusal = declaring.length > 0 ? context.refusal : typeRefusal(kind, want.bytes, sensitive);
  if (refusal !== undefined) {
    return refusedEntry(context, base, sensitive ? diffMessages.sensitiveRefused : refusal);
  }
  const primary = declaring[0];
  let next: unknown;
  try {
    const typed =
      primary?.parse !== undefined
        ? primary.parse(want.bytes, 'configmap', key)
        : (kindCodec(kind)?.parse(want.bytes) ?? rawText(want.bytes));
    next = toListingJson(primary?.kind ?? kind, typed);
  } catch {
    // The dry run passed but parsing throws (a validator that is not a pure function).
    const reason = sensitive ? diffMessages.sensitiveRefused : diffMessages.refusedByDeclaration;
    return refusedEntry(context, base, reason);
  }
  const newValue: DiffValue = { value: show(next), source: 'configmap' };
  if (present && pod.sensitive) {
    return {
      entry: entry(key, 'undetermined', { ...base, new: newValue, restart }),
      differs: true,
    };
  }
  if (present && sameListingJson(current, next)) {
    return { entry: entry(key, 'unchanged', { ...base, new: newValue }), differs: false };
  }
  return { entry: entry(key, 'changed', { ...base, new: newValue, restart }), differs: true };
}

/** listingFallback is what a removed key falls back to: the highest layer below the ConfigMap. */
function listingFallback(
  pod: ListingFlagView,
  show: (json: unknown) => string,
  notes: string[],
): DiffValue {
  if (pod.layers === undefined) {
    notes.push(diffMessages.layersUnknown);
    return { value: show(pod.default), source: 'default' };
  }
  for (const source of LOWER_LAYERS) {
    if (Object.hasOwn(pod.layers, source)) return { value: show(pod.layers[source]), source };
  }
  return { value: show(pod.default), source: 'default' };
}

function refusedEntry(
  context: KeyContext,
  base: Partial<DiffEntry> & { sensitive: boolean },
  reason: string,
): Compared {
  const { key, want } = context;
  const shown = base.sensitive || want === undefined ? REDACTED : rawText(want.bytes);
  return {
    entry: entry(key, 'refused', { ...base, new: { value: shown, source: 'configmap' }, reason }),
    differs: true,
  };
}

/** compareText compares a directory's files with the manifest as text (no --flags). */
function compareText(context: KeyContext, target: DirectoryTarget): Compared {
  const { key, want } = context;
  const has = target.entries.get(key);
  const unreadable = target.unreadable.get(key);
  if (key.startsWith('.')) return unknownEntry(context, false, diffMessages.hiddenKey, []);
  const sensitive = want?.secret ?? false;
  const text = (bytes: Uint8Array): string => (sensitive ? REDACTED : rawText(bytes));
  if (want === undefined) {
    // Whether the file holds a secret is not known without declarations: its value is not shown.
    const old: DiffValue = { value: null, source: 'configmap' };
    const notes = unreadable === undefined ? [] : [diffMessages.currentUnreadable(unreadable)];
    return {
      entry: entry(key, 'removed', { old, new: { value: null, source: 'default' }, notes }),
      differs: true,
    };
  }
  const newValue: DiffValue = { value: text(want.bytes), source: 'configmap' };
  if (unreadable !== undefined) {
    return {
      entry: entry(key, 'changed', {
        sensitive,
        old: { value: null, source: 'configmap' },
        new: newValue,
        notes: [diffMessages.currentUnreadable(unreadable)],
      }),
      differs: true,
    };
  }
  // The directory's value is not shown either: without declarations nothing tells whether the
  // file holds a secret (the volume may be a Secret's, whatever kind the manifest is).
  const old: DiffValue =
    has === undefined ? { value: null, source: 'default' } : { value: null, source: 'configmap' };
  const same = has !== undefined && sameBytes(has, want.bytes);
  return {
    entry: entry(key, same ? 'unchanged' : 'changed', { sensitive, old, new: newValue }),
    differs: !same,
  };
}

/** compareWithDeclarations compares a directory's files with the manifest, typed by --flags. */
function compareWithDeclarations(context: KeyContext, target: DirectoryTarget): Compared {
  const { key, want, declaring } = context;
  const has = target.entries.get(key);
  const unreadable = target.unreadable.get(key);
  const present = has !== undefined || unreadable !== undefined;
  const primary = declaring[0];
  if (primary === undefined) {
    const result = unknownEntry(context, present, diffMessages.unknownInFlags, []);
    const rewritten = want !== undefined && has !== undefined && !sameBytes(has, want.bytes);
    return { ...result, differs: result.differs || rewritten };
  }
  const sensitive = declaring.some((f) => f.sensitive) || (want?.secret ?? false);
  const dynamic = !declaring.some((f) => !f.dynamic);
  const format = (value: unknown): string =>
    sensitive
      ? REDACTED
      : primary.formatWhole !== undefined
        ? primary.formatWhole(value)
        : String(value);
  const parse = (bytes: Uint8Array): { value: unknown } | undefined => {
    if (primary.parse === undefined) return undefined;
    try {
      return { value: primary.parse(bytes, 'configmap', key) };
    } catch {
      return undefined;
    }
  };
  const notes: string[] = [];
  const current = has === undefined ? undefined : parse(has);
  if (unreadable !== undefined) notes.push(diffMessages.currentUnreadable(unreadable));
  else if (has !== undefined && current === undefined && primary.parse !== undefined) {
    notes.push(diffMessages.currentRefused);
  }
  const fallback = declarationFallback(primary, format);
  const old: DiffValue = !present
    ? fallback
    : {
        value:
          has === undefined
            ? null
            : current !== undefined
              ? format(current.value)
              : sensitive
                ? REDACTED
                : rawText(has),
        source: 'configmap',
      };
  const base = { sensitive, dynamic, old, notes };
  const restart = !dynamic;
  if (want === undefined) {
    return { entry: entry(key, 'removed', { ...base, new: fallback, restart }), differs: true };
  }
  if (context.refusal !== undefined) {
    return refusedEntry(context, base, sensitive ? diffMessages.sensitiveRefused : context.refusal);
  }
  const next = parse(want.bytes);
  const newValue: DiffValue = {
    value: next !== undefined ? format(next.value) : sensitive ? REDACTED : rawText(want.bytes),
    source: 'configmap',
  };
  const typedSame =
    current !== undefined &&
    next !== undefined &&
    primary.equals !== undefined &&
    primary.equals(current.value, next.value);
  const sameText = has !== undefined && sameBytes(has, want.bytes);
  const same = sameText || (has !== undefined && typedSame);
  if (same && !sameText && !sensitive) notes.push(diffMessages.reformatted);
  return {
    entry: entry(key, same ? 'unchanged' : 'changed', {
      ...base,
      new: newValue,
      restart: !same && restart,
    }),
    differs: !same,
  };
}

/**
 * declarationFallback is what the flag serves without a ConfigMap value, in this process: the
 * command-line or environment layer when the flags module set one, else the default (the pod's
 * own environment is not known here).
 */
function declarationFallback(flag: DiffFlagLike, format: (value: unknown) => string): DiffValue {
  if (flag.valueFrom !== undefined) {
    for (const source of LOWER_LAYERS) {
      const value = source === 'default' ? flag.defaultValue : flag.valueFrom(source);
      if (value !== undefined) return { value: format(value), source };
    }
  }
  if (flag.defaultValue !== undefined)
    return { value: format(flag.defaultValue), source: 'default' };
  return { value: null, source: 'default' };
}
