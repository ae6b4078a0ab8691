import type { Node, Pair } from 'yaml';
import { isMap, isScalar, isSeq } from 'yaml';
import { keyNameProblem } from '../../kubelet/key-path.util.js';
import { MAX_CONFIGMAP_BYTES } from '../../kubelet/kubelet.constants.js';
import type { ConfigMapManifest } from './configmap-manifest.interface.js';
import { oversizedDocuments } from './document-sizes.util.js';
import { MAX_MANIFEST_BYTES, MAX_MANIFEST_DOCUMENT_BYTES } from './manifest-limits.constants.js';
import { manifestMessages } from './manifest-messages.constant.js';
import { ManifestError } from './manifest.error.js';
import type { ManifestDocument } from './select-document.util.js';
import { child, describeValue, selectDocument } from './select-document.util.js';

/** ParseManifestOptions chooses which document to read and how to name the manifest. */
export interface ParseManifestOptions {
  /**
   * ParseManifestOptions.name picks the document whose `metadata.name` it is; required when the
   * text holds several documents.
   */
  name?: string;
  /**
   * ParseManifestOptions.source names the manifest in error messages, usually its file.
   * @default 'manifest'
   */
  source?: string;
}

interface Entry {
  key: string;
  value: Node | null;
}

// Go's base64.StdEncoding (which decodes binaryData for the API server) skips line breaks.
const LINE_BREAKS = /[\r\n]/g;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Refuses, before anything is parsed, an input or a document over its limit. */
function checkSizes(text: string, source: string): void {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_MANIFEST_BYTES) {
    throw new ManifestError(source, [manifestMessages.inputTooLarge(bytes)]);
  }
  const oversized = oversizedDocuments(text, MAX_MANIFEST_DOCUMENT_BYTES);
  if (oversized.length > 0) {
    const problems = oversized.map((d) => manifestMessages.documentTooLarge(d.line, d.bytes));
    throw new ManifestError(source, problems);
  }
}

function entriesOf(
  entry: ManifestDocument,
  field: 'data' | 'binaryData',
  problems: string[],
): Entry[] {
  const { resolve, position } = entry;
  const node = child(resolve, entry.doc.contents, field);
  if (node === null || (isScalar(node) && node.value === null)) return [];
  if (!isMap(node)) {
    problems.push(manifestMessages.fieldNotMapping(field));
    return [];
  }
  const entries: Entry[] = [];
  const keys = new Set<string>();
  for (const pair of node.items as Pair<unknown, unknown>[]) {
    const keyNode = resolve(pair.key);
    if (!isScalar(keyNode) || keyNode.value === null || typeof keyNode.value === 'object') {
      problems.push(manifestMessages.nonScalarKey(field));
      continue;
    }
    const key = String(keyNode.value);
    // Distinct YAML keys may name the same file (1 and "1"); YAML itself refused equal ones.
    if (keys.has(key)) {
      const offset = keyNode.range?.[0] ?? 0;
      problems.push(manifestMessages.duplicateConfigMapKey(field, key, position(offset)));
      continue;
    }
    keys.add(key);
    const reason = keyNameProblem(key);
    if (reason !== undefined) problems.push(manifestMessages.invalidKey(field, key, reason));
    entries.push({ key, value: resolve(pair.value) });
  }
  return entries;
}

/** A record without a prototype: a key named `__proto__` is an ordinary key there. */
const record = <T>(): Record<string, T> => Object.create(null) as Record<string, T>;

function readData(entries: Entry[], problems: string[]): Record<string, string> {
  const data = record<string>();
  for (const { key, value } of entries) {
    if (isScalar(value) && typeof value.value === 'string') {
      data[key] = value.value;
    } else if (value === null || (isScalar(value) && value.value === null)) {
      problems.push(manifestMessages.nullData(key));
    } else if (isScalar(value)) {
      const type = typeof value.value === 'boolean' ? 'boolean' : 'number';
      problems.push(manifestMessages.nonStringData(key, type));
    } else {
      const type = isMap(value) ? 'mapping' : isSeq(value) ? 'list' : 'non-string';
      problems.push(manifestMessages.structuredData(key, type));
    }
  }
  return data;
}

function readBinaryData(entries: Entry[], problems: string[]): Record<string, Uint8Array> {
  const binaryData = record<Uint8Array>();
  for (const { key, value } of entries) {
    if (!isScalar(value) || typeof value.value !== 'string') {
      problems.push(manifestMessages.binaryNotString(key));
      continue;
    }
    const encoded = value.value.replace(LINE_BREAKS, '');
    if (!BASE64.test(encoded)) {
      problems.push(manifestMessages.invalidBase64(key));
      continue;
    }
    binaryData[key] = new Uint8Array(Buffer.from(encoded, 'base64'));
  }
  return binaryData;
}

/** Copies the entries of `from` that `keep` accepts into a record without a prototype. */
function pick<T>(from: Record<string, T>, keep: (key: string) => boolean): Record<string, T> {
  const picked = record<T>();
  for (const [key, value] of Object.entries(from)) if (keep(key)) picked[key] = value;
  return picked;
}

function readConfigMap(entry: ManifestDocument, source: string): ConfigMapManifest {
  const { doc, resolve } = entry;
  if (!isMap(doc.contents)) throw new ManifestError(source, [manifestMessages.notMapping]);
  const kind = describeValue(child(resolve, doc.contents, 'kind'));
  const apiVersion = describeValue(child(resolve, doc.contents, 'apiVersion'));
  if (kind !== 'ConfigMap' || apiVersion !== 'v1') {
    throw new ManifestError(source, [manifestMessages.notConfigMap(kind, apiVersion)]);
  }

  const problems: string[] = [];
  if (entry.name === undefined) problems.push(manifestMessages.missingName);
  const dataEntries = entriesOf(entry, 'data', problems);
  const binaryEntries = entriesOf(entry, 'binaryData', problems);
  const data = readData(dataEntries, problems);
  const binaryData = readBinaryData(binaryEntries, problems);
  const dataKeys = new Set(dataEntries.map((e) => e.key));
  for (const { key } of binaryEntries) {
    if (dataKeys.has(key)) problems.push(manifestMessages.keyInBoth(key));
  }
  const size =
    Object.values(data).reduce((sum, value) => sum + Buffer.byteLength(value, 'utf8'), 0) +
    Object.values(binaryData).reduce((sum, value) => sum + value.byteLength, 0);
  if (size > MAX_CONFIGMAP_BYTES) problems.push(manifestMessages.tooLarge(size));
  if (problems.length > 0) {
    // What can still be checked: legal keys, and for a key in both, its data value only.
    const legal = (key: string): boolean => keyNameProblem(key) === undefined;
    const partial: ConfigMapManifest = {
      name: entry.name ?? '',
      data: pick(data, legal),
      binaryData: pick(binaryData, (key) => legal(key) && !dataKeys.has(key)),
    };
    throw new ManifestError(source, problems, { partial });
  }
  return { name: entry.name!, data, binaryData };
}

/**
 * parseConfigMapManifest reads a ConfigMap from YAML text (one or more documents) and checks it
 * as the API server would: kind `ConfigMap`, apiVersion `v1`, a name, string `data` values,
 * base64 `binaryData`, valid keys present in only one of the two, at most 1 MiB in all. Before
 * parsing, the text must be at most {@link MAX_MANIFEST_BYTES} (32 MiB) and each of its documents
 * at most {@link MAX_MANIFEST_DOCUMENT_BYTES} (4 MiB); parsing takes time linear in the text, and
 * refuses duplicate keys in any mapping of any document.
 *
 * @throws ManifestError listing every problem found, when the manifest is refused
 */
export function parseConfigMapManifest(
  text: string,
  options: ParseManifestOptions = {},
): ConfigMapManifest {
  const source = options.source ?? 'manifest';
  checkSizes(text, source);
  return readConfigMap(selectDocument(text, options.name, source), source);
}
