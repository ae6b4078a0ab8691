import type { Document, Node, Pair } from 'yaml';
import { isAlias, isMap, isScalar, isSeq, parseAllDocuments } from 'yaml';
import { keyNameProblem } from '../../kubelet/key-path.util.js';
import type { ConfigMapManifest } from './configmap-manifest.interface.js';
import { manifestMessages } from './manifest-messages.constant.js';
import { MAX_CONFIGMAP_BYTES } from '../../kubelet/kubelet.constants.js';
import { ManifestError } from './manifest.error.js';

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

interface ParsedDocument {
  index: number;
  doc: Document.Parsed;
  kind: string | undefined;
  name: string | undefined;
}

interface Entry {
  key: string;
  value: Node | null;
}

// Go's base64.StdEncoding (which decodes binaryData for the API server) skips line breaks.
const LINE_BREAKS = /[\r\n]/g;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

const nonEmptyString = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

function splitDocuments(text: string, source: string): ParsedDocument[] {
  // YAML 1.1, as kubectl parses manifests: `yes`, `on` or `0755` are not strings there either.
  const docs = [...parseAllDocuments(text, { version: '1.1' })];
  const errors = docs.flatMap((doc) => doc.errors);
  if (errors.length > 0) {
    const problems = errors.map((e) => manifestMessages.yamlError(e.message.split('\n')[0] ?? ''));
    throw new ManifestError(source, problems);
  }
  return docs
    .map((doc, index) => ({
      index,
      doc,
      kind: nonEmptyString(doc.get('kind')),
      name: nonEmptyString(doc.getIn(['metadata', 'name'])),
    }))
    .filter((entry) => entry.doc.toJS() != null);
}

function selectDocument(
  documents: ParsedDocument[],
  name: string | undefined,
  source: string,
): ParsedDocument {
  const refuse = (problem: string): never => {
    throw new ManifestError(source, [problem]);
  };
  const found = documents.map((d) => manifestMessages.describeDocument(d.index, d.kind, d.name));
  if (documents.length === 0) refuse(manifestMessages.noDocument);
  if (name !== undefined) {
    const matches = documents.filter((entry) => entry.name === name);
    if (matches.length === 0) refuse(manifestMessages.noSuchName(name, found));
    if (matches.length > 1) refuse(manifestMessages.duplicateName(name, matches.length));
    return matches[0]!;
  }
  if (documents.length > 1) refuse(manifestMessages.severalDocuments(documents.length, found));
  return documents[0]!;
}

function resolveNode(doc: Document.Parsed, node: unknown): Node | null {
  if (isAlias(node)) return (node.resolve(doc) as Node | undefined) ?? null;
  return (node as Node | null | undefined) ?? null;
}

function entriesOf(
  doc: Document.Parsed,
  field: 'data' | 'binaryData',
  problems: string[],
): Entry[] {
  const node = resolveNode(doc, doc.get(field, true));
  if (node === null || (isScalar(node) && node.value === null)) return [];
  if (!isMap(node)) {
    problems.push(manifestMessages.fieldNotMapping(field));
    return [];
  }
  const entries: Entry[] = [];
  for (const pair of node.items as Pair<unknown, unknown>[]) {
    const keyNode = resolveNode(doc, pair.key);
    if (!isScalar(keyNode) || keyNode.value === null || typeof keyNode.value === 'object') {
      problems.push(manifestMessages.nonScalarKey(field));
      continue;
    }
    const key = String(keyNode.value);
    const reason = keyNameProblem(key);
    if (reason !== undefined) problems.push(manifestMessages.invalidKey(field, key, reason));
    entries.push({ key, value: resolveNode(doc, pair.value) });
  }
  return entries;
}

function readData(entries: Entry[], problems: string[]): Record<string, string> {
  const data: Record<string, string> = {};
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
  const binaryData: Record<string, Uint8Array> = {};
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

function readConfigMap(text: string, entry: ParsedDocument, source: string): ConfigMapManifest {
  const { doc } = entry;
  if (!isMap(doc.contents)) throw new ManifestError(source, [manifestMessages.notMapping]);
  const kind = doc.get('kind');
  const apiVersion = doc.get('apiVersion');
  if (kind !== 'ConfigMap' || apiVersion !== 'v1') {
    throw new ManifestError(source, [manifestMessages.notConfigMap(kind, apiVersion)]);
  }

  const problems: string[] = [];
  if (entry.name === undefined) problems.push(manifestMessages.missingName);
  const dataEntries = entriesOf(doc, 'data', problems);
  const binaryEntries = entriesOf(doc, 'binaryData', problems);
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
    const legal = ([key]: [string, unknown]): boolean => keyNameProblem(key) === undefined;
    const partial: ConfigMapManifest = {
      name: entry.name ?? '',
      data: Object.fromEntries(Object.entries(data).filter(legal)),
      binaryData: Object.fromEntries(
        Object.entries(binaryData).filter((e) => legal(e) && !dataKeys.has(e[0])),
      ),
    };
    throw new ManifestError(source, problems, { partial });
  }
  return { name: entry.name!, data, binaryData };
}

/**
 * parseConfigMapManifest reads a ConfigMap from YAML text (one or more documents) and checks it
 * as the API server would: kind `ConfigMap`, apiVersion `v1`, a name, string `data` values,
 * base64 `binaryData`, valid keys present in only one of the two, at most 1 MiB in all.
 *
 * @throws ManifestError listing every problem found, when the manifest is refused
 */
export function parseConfigMapManifest(
  text: string,
  options: ParseManifestOptions = {},
): ConfigMapManifest {
  const source = options.source ?? 'manifest';
  const entry = selectDocument(splitDocuments(text, source), options.name, source);
  return readConfigMap(text, entry, source);
}
