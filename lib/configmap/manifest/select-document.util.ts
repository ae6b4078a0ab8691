import type { Document, Node } from 'yaml';
import { Composer, isMap, isScalar, isSeq, LineCounter, Parser } from 'yaml';
import { aliasResolver } from './alias-resolver.util.js';
import { duplicateKeys } from './duplicate-keys.util.js';
import { kubectlTags } from './kubectl-scalars.util.js';
import { ManifestError } from './manifest.error.js';
import type { TextPosition } from './manifest-messages.constant.js';
import { manifestMessages } from './manifest-messages.constant.js';
import { yamlProblem } from './yaml-problems.constant.js';

/** ManifestDocument is the document of a manifest chosen to be read, with what reads it. */
export interface ManifestDocument {
  /** ManifestDocument.doc is the parsed document. */
  doc: Document.Parsed;
  /** ManifestDocument.name is its `metadata.name`, when that is a non-empty string. */
  name: string | undefined;
  /** ManifestDocument.resolve follows an alias to its node (any other node is returned as is). */
  resolve: (node: unknown) => Node | null;
  /** ManifestDocument.position turns an offset in the text into a line and column. */
  position: (offset: number) => TextPosition;
}

/** child is the node under `key` of the mapping `node` (after aliases), or null. */
export function child(
  resolve: ManifestDocument['resolve'],
  node: unknown,
  key: string,
): Node | null {
  const map = resolve(node);
  return isMap(map) ? resolve(map.get(key, true)) : null;
}

/** describeValue is a scalar's value, or what kind of node stands there (never its content). */
export function describeValue(node: Node | null): unknown {
  if (isScalar(node)) return node.value;
  if (isMap(node)) return '(a mapping)';
  if (isSeq(node)) return '(a list)';
  return undefined;
}

const nonEmptyString = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

const isEmpty = (doc: Document.Parsed): boolean =>
  doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null);

/** SelectDocumentsOptions says which documents {@link selectDocuments} chooses. */
export interface SelectDocumentsOptions {
  /** SelectDocumentsOptions.names chooses the documents of these names, whatever their kind. */
  names: readonly string[] | undefined;
  /** SelectDocumentsOptions.kinds are the kinds chosen when no name is given. */
  kinds: readonly string[];
  /** SelectDocumentsOptions.source names the manifest in errors. */
  source: string;
}

/**
 * selectDocuments parses a YAML stream one document at a time (so that only the chosen documents
 * stay in memory) and returns the ones to read: those named in `names` (each name at most once),
 * or else the only non-empty document, or else the only one of an accepted kind (a kustomize
 * build holds a Deployment beside its ConfigMap). Every YAML error and duplicate key of every
 * document is reported at once. Parsing is linear: the parser's own duplicate-key check
 * (quadratic in the size of a mapping) is replaced by {@link duplicateKeys}; YAML 1.1, as kubectl
 * reads manifests (`yes`, `on` or `0755` are not strings there either, `<<` is a merge key), with
 * kubectl's numbers ({@link kubectlTags}: `0o52` and `1e3` are numbers, `12:30` is text).
 *
 * @returns the chosen documents, and a description of every document (for error messages)
 * @throws ManifestError when the stream is invalid YAML, or without names when no single document
 *   can be chosen
 */
export function selectDocuments(
  text: string,
  { names, kinds, source }: SelectDocumentsOptions,
): { chosen: ManifestDocument[]; found: string[] } {
  const lineCounter = new LineCounter();
  const position = (offset: number): TextPosition => lineCounter.linePos(offset);
  const composer = new Composer({ version: '1.1', uniqueKeys: false, customTags: kubectlTags });
  const problems: string[] = [];
  const found: string[] = [];
  const candidates: string[] = [];
  const chosen: ManifestDocument[] = [];
  let only: ManifestDocument | undefined;
  const matches = new Map<string, number>();
  let index = -1;
  for (const doc of composer.compose(new Parser(lineCounter.addNewLine).parse(text))) {
    index++;
    for (const error of doc.errors) {
      const offset = error.pos[0];
      problems.push(
        manifestMessages.yamlError(
          yamlProblem(error.code),
          offset >= 0 ? position(offset) : undefined,
        ),
      );
    }
    for (const { key, offset, firstOffset, inValue } of duplicateKeys(doc)) {
      const shown = inValue ? undefined : key;
      problems.push(manifestMessages.duplicateKey(shown, position(offset), position(firstOffset)));
    }
    const { resolve, unresolved } = aliasResolver(doc);
    for (const alias of unresolved) {
      const where = alias.range == null ? undefined : position(alias.range[0]);
      problems.push(manifestMessages.yamlError(manifestMessages.unknownAlias(), where));
    }
    if (problems.length > 0 || isEmpty(doc)) continue;
    const kind = nonEmptyString(describeValue(child(resolve, doc.contents, 'kind')));
    const metadata = child(resolve, doc.contents, 'metadata');
    const docName = nonEmptyString(describeValue(child(resolve, metadata, 'name')));
    const description = manifestMessages.describeDocument(index, kind, docName);
    found.push(description);
    const entry: ManifestDocument = { doc, name: docName, resolve, position };
    if (names !== undefined) {
      if (docName === undefined || !names.includes(docName)) continue;
      const count = (matches.get(docName) ?? 0) + 1;
      matches.set(docName, count);
      if (count === 1) chosen.push(entry);
      continue;
    }
    // Without names: keep the first document, and the documents of an accepted kind.
    if (found.length === 1) only = entry;
    if (kind !== undefined && kinds.includes(kind)) {
      candidates.push(description);
      chosen.push(entry);
    }
  }

  const refuse = (...reasons: string[]): never => {
    throw new ManifestError(source, reasons);
  };
  if (problems.length > 0) refuse(...problems);
  if (found.length === 0) refuse(manifestMessages.noDocument);
  if (names !== undefined) {
    const repeated = [...matches].filter(([, count]) => count > 1);
    if (repeated.length > 0) {
      refuse(...repeated.map(([name, count]) => manifestMessages.duplicateName(name, count)));
    }
    return { chosen, found };
  }
  // A lone document of another kind is read, so that its refusal names its kind.
  if (found.length === 1) return { chosen: [only!], found };
  if (chosen.length === 0) refuse(manifestMessages.noAcceptedDocument(found.length, kinds, found));
  if (chosen.length > 1) refuse(manifestMessages.severalDocuments(kinds, candidates));
  return { chosen, found };
}
