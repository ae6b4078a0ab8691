import type { Document, Node } from 'yaml';
import { Composer, isMap, isScalar, isSeq, LineCounter, Parser } from 'yaml';
import { aliasResolver } from './alias-resolver.util.js';
import { duplicateKeys } from './duplicate-keys.util.js';
import { ManifestError } from './manifest.error.js';
import type { TextPosition } from './manifest-messages.constant.js';
import { manifestMessages } from './manifest-messages.constant.js';

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

/**
 * selectDocument parses a YAML stream one document at a time (so that only the chosen document
 * stays in memory) and returns the one to read: the only non-empty document, or the one named
 * `name`. Every YAML error and duplicate key of every document is reported at once. Parsing is
 * linear: the parser's own duplicate-key check (quadratic in the size of a mapping) is replaced
 * by {@link duplicateKeys}; YAML 1.1, as kubectl reads manifests (`yes`, `on` or `0755` are not
 * strings there either).
 *
 * @throws ManifestError when the stream is invalid YAML or no single document can be chosen
 */
export function selectDocument(
  text: string,
  name: string | undefined,
  source: string,
): ManifestDocument {
  const lineCounter = new LineCounter();
  const position = (offset: number): TextPosition => lineCounter.linePos(offset);
  const composer = new Composer({ version: '1.1', uniqueKeys: false });
  const problems: string[] = [];
  const found: string[] = [];
  let chosen: ManifestDocument | undefined;
  let matches = 0;
  let index = -1;
  for (const doc of composer.compose(new Parser(lineCounter.addNewLine).parse(text))) {
    index++;
    for (const error of doc.errors) {
      const message = error.message.split('\n')[0] ?? '';
      const offset = error.pos[0];
      problems.push(
        manifestMessages.yamlError(message, offset >= 0 ? position(offset) : undefined),
      );
    }
    for (const { key, offset, firstOffset } of duplicateKeys(doc)) {
      problems.push(manifestMessages.duplicateKey(key, position(offset), position(firstOffset)));
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
    found.push(manifestMessages.describeDocument(index, kind, docName));
    if (name !== undefined && docName !== name) continue;
    matches++;
    chosen ??= { doc, name: docName, resolve, position };
  }

  const refuse = (...reasons: string[]): never => {
    throw new ManifestError(source, reasons);
  };
  if (problems.length > 0) refuse(...problems);
  if (found.length === 0) refuse(manifestMessages.noDocument);
  if (name !== undefined) {
    if (matches === 0) refuse(manifestMessages.noSuchName(name, found));
    if (matches > 1) refuse(manifestMessages.duplicateName(name, matches));
  } else if (found.length > 1) {
    refuse(manifestMessages.severalDocuments(found.length, found));
  }
  return chosen!;
}
