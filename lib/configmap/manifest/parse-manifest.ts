import { isMap } from 'yaml';
import { keyNameProblem } from '../../kubelet/key-path.util.js';
import { MAX_CONFIGMAP_BYTES } from '../../kubelet/kubelet.constants.js';
import type { ConfigMapManifest, ManifestKind } from './configmap-manifest.interface.js';
import { dataEntries, readBase64, readText, record } from './data-fields.util.js';
import { oversizedDocuments } from './document-sizes.util.js';
import { MAX_MANIFEST_BYTES, MAX_MANIFEST_DOCUMENT_BYTES } from './manifest-limits.constants.js';
import { manifestMessages } from './manifest-messages.constant.js';
import { ManifestError } from './manifest.error.js';
import type { ManifestDocument } from './select-document.util.js';
import { child, describeValue, selectDocuments } from './select-document.util.js';

/** ParseManifestOptions chooses which document to read and how to name the manifest. */
export interface ParseManifestOptions {
  /**
   * ParseManifestOptions.name picks the document whose `metadata.name` it is; required when the
   * text holds several documents of an accepted kind.
   */
  name?: string;
  /**
   * ParseManifestOptions.source names the manifest in error messages, usually its file.
   * @default 'manifest'
   */
  source?: string;
  /**
   * ParseManifestOptions.kinds lists the kinds accepted: a Secret volume is written by the same
   * atomic writer as a ConfigMap volume, so `['ConfigMap', 'Secret']` reads either.
   * @default ['ConfigMap']
   */
  kinds?: readonly ManifestKind[];
}

/** ParseManifestsOptions chooses the documents {@link parseManifests} reads. */
export interface ParseManifestsOptions extends Omit<ParseManifestOptions, 'name'> {
  /**
   * ParseManifestsOptions.names picks the documents of these names (any that the text holds;
   * the caller checks that each was found somewhere). Without it, the text must hold exactly one
   * document of an accepted kind.
   */
  names?: readonly string[];
}

/** ParsedManifests is what {@link parseManifests} read, and what else the text holds. */
export interface ParsedManifests {
  /** ParsedManifests.manifests are the documents read, in the text's order. */
  manifests: ConfigMapManifest[];
  /** ParsedManifests.found describes every document of the text, for error messages. */
  found: string[];
}

const DEFAULT_KINDS: readonly ManifestKind[] = ['ConfigMap'];

/** Refuses, before anything is parsed, an input or a document over its limit. */
function checkSizes(text: string, source: string): void {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_MANIFEST_BYTES) {
    throw new ManifestError(source, [manifestMessages.inputTooLarge]);
  }
  const oversized = oversizedDocuments(text, MAX_MANIFEST_DOCUMENT_BYTES);
  if (oversized.length > 0) {
    const problems = oversized.map((d) => manifestMessages.documentTooLarge(d.line));
    throw new ManifestError(source, problems);
  }
}

/** Copies the entries of `from` that `keep` accepts into a record without a prototype. */
function pick<T>(from: Record<string, T>, keep: (key: string) => boolean): Record<string, T> {
  const picked = record<T>();
  for (const [key, value] of Object.entries(from)) if (keep(key)) picked[key] = value;
  return picked;
}

function totalBytes(manifest: Pick<ConfigMapManifest, 'data' | 'binaryData'>): number {
  return (
    Object.values(manifest.data).reduce((sum, v) => sum + Buffer.byteLength(v, 'utf8'), 0) +
    Object.values(manifest.binaryData).reduce((sum, v) => sum + v.byteLength, 0)
  );
}

/**
 * Reads a ConfigMap: `data` as text, `binaryData` as base64, a key in only one of them. A Secret:
 * `data` as base64 and `stringData` as text, a `stringData` key replacing the same `data` key as
 * the API server does when it stores the Secret.
 */
function readObject(
  entry: ManifestDocument,
  source: string,
  kinds: readonly ManifestKind[],
): ConfigMapManifest {
  const { doc, resolve } = entry;
  if (!isMap(doc.contents)) throw new ManifestError(source, [manifestMessages.notMapping]);
  const kind = describeValue(child(resolve, doc.contents, 'kind'));
  const apiVersion = describeValue(child(resolve, doc.contents, 'apiVersion'));
  const accepted = kinds.find((k) => k === kind);
  if (accepted === undefined || apiVersion !== 'v1') {
    throw new ManifestError(source, [manifestMessages.notAcceptedKind(kind, apiVersion, kinds)]);
  }

  const problems: string[] = [];
  if (entry.name === undefined) problems.push(manifestMessages.missingName(accepted));
  let data: Record<string, string>;
  let binaryData: Record<string, Uint8Array>;
  let keyCount: number;
  // What can still be checked when the object is refused: legal keys, and for a key in both
  // fields, the value that would win (a ConfigMap refuses it, so its data value only).
  let partialBinary: (key: string) => boolean;
  if (accepted === 'ConfigMap') {
    const textEntries = dataEntries(entry, 'data', problems);
    const binaryEntries = dataEntries(entry, 'binaryData', problems);
    data = readText(textEntries, 'data', accepted, problems);
    binaryData = readBase64(binaryEntries, 'binaryData', accepted, problems);
    const textKeys = new Set(textEntries.map((e) => e.key));
    for (const { key } of binaryEntries) {
      if (textKeys.has(key)) problems.push(manifestMessages.keyInBoth(key));
    }
    keyCount = new Set([...textKeys, ...binaryEntries.map((e) => e.key)]).size;
    partialBinary = (key) => !textKeys.has(key);
  } else {
    const encodedEntries = dataEntries(entry, 'data', problems);
    const textEntries = dataEntries(entry, 'stringData', problems);
    data = readText(textEntries, 'stringData', accepted, problems);
    const textKeys = new Set(textEntries.map((e) => e.key));
    const decoded = readBase64(encodedEntries, 'data', accepted, problems);
    binaryData = pick(decoded, (key) => !textKeys.has(key));
    keyCount = new Set([...textKeys, ...encodedEntries.map((e) => e.key)]).size;
    partialBinary = () => true;
  }
  const size = totalBytes({ data, binaryData });
  if (size > MAX_CONFIGMAP_BYTES) problems.push(manifestMessages.tooLarge(accepted));
  if (problems.length > 0) {
    const legal = (key: string): boolean => keyNameProblem(key) === undefined;
    const partial: ConfigMapManifest = {
      kind: accepted,
      name: entry.name ?? '',
      data: pick(data, legal),
      binaryData: pick(binaryData, (key) => legal(key) && partialBinary(key)),
    };
    throw new ManifestError(source, problems, { partial, keyCount, kind: accepted });
  }
  return { kind: accepted, name: entry.name!, data, binaryData };
}

/**
 * parseManifests reads the chosen ConfigMaps (or Secrets, with `kinds`) of a YAML stream, each
 * checked as {@link parseConfigMapManifest} checks one: the documents named by `names`, or else
 * the only document of an accepted kind (other kinds beside it are skipped). A projected volume
 * is written from several of them.
 *
 * @throws ManifestError listing every problem found, when the text or a chosen document is refused
 */
export function parseManifests(text: string, options: ParseManifestsOptions = {}): ParsedManifests {
  const source = options.source ?? 'manifest';
  const kinds = options.kinds ?? DEFAULT_KINDS;
  checkSizes(text, source);
  const { chosen, found } = selectDocuments(text, { names: options.names, kinds, source });
  return { manifests: chosen.map((entry) => readObject(entry, source, kinds)), found };
}

/**
 * parseConfigMapManifest reads a ConfigMap from YAML text (one or more documents: the one named
 * `name`, or the only ConfigMap) and checks it as the API server would: kind `ConfigMap`,
 * apiVersion `v1`, a name, string `data` values, base64 `binaryData`, valid keys present in only
 * one of the two, at most 1 MiB in all; `<<` merge keys are expanded as kubectl does. With
 * `kinds: ['ConfigMap', 'Secret']` a Secret is read too (`data` as base64, `stringData` as text,
 * overriding `data` per key). Before parsing, the text must be at most
 * {@link MAX_MANIFEST_BYTES} (32 MiB) and each of its documents at most
 * {@link MAX_MANIFEST_DOCUMENT_BYTES} (4 MiB); parsing takes time linear in the text, and
 * refuses duplicate keys in any mapping of any document.
 *
 * @throws ManifestError listing every problem found, when the manifest is refused
 */
export function parseConfigMapManifest(
  text: string,
  options: ParseManifestOptions = {},
): ConfigMapManifest {
  const { name, ...rest } = options;
  const names = name === undefined ? undefined : [name];
  const { manifests, found } = parseManifests(text, { ...rest, names });
  if (name !== undefined && manifests.length === 0) {
    throw new ManifestError(rest.source ?? 'manifest', [manifestMessages.noSuchName(name, found)]);
  }
  return manifests[0]!;
}
