import { escapeText } from '../../errors/escape-text.util.js';
import { MAX_CONFIGMAP_BYTES } from '../../kubelet/kubelet.constants.js';
import { MAX_MANIFEST_BYTES, MAX_MANIFEST_DOCUMENT_BYTES } from './manifest-limits.constants.js';

/** quoted: JSON quoting (C0 escapes), then the bidi, C1 and separator escapes JSON does not make. */
const quoted = (s: string): string => escapeText(JSON.stringify(s));
const MAX_SHOWN_KEY = 80;
/** A key as shown in a message: quoted, and cut when long (a key of another kind may be huge). */
const shownKey = (key: string): string =>
  key.length > MAX_SHOWN_KEY ? `${quoted(key.slice(0, MAX_SHOWN_KEY))}…` : quoted(key);
const mebibytes = (bytes: number): string => `${bytes}-byte (${bytes / (1024 * 1024)} MiB)`;
const inputLimit = `${mebibytes(MAX_MANIFEST_BYTES)} limit of a manifest input (all its documents together)`;

/** TextPosition is a place in a manifest, 1-based as editors show it. */
export interface TextPosition {
  line: number;
  col: number;
}
const at = ({ line, col }: TextPosition): string => `line ${line}, column ${col}`;
/** The kinds accepted, as a phrase: `ConfigMap`, `ConfigMap or Secret`. */
const kindsPhrase = (kinds: readonly string[]): string => kinds.join(' or ');
/** What a kind's values are limited to, after the API server's field names. */
const fieldsOf = (kind: string): string =>
  kind === 'Secret' ? 'data and stringData' : 'data and binaryData';

/** manifestMessages holds every user-facing string of the manifest reader. */
export const manifestMessages = {
  // Without a kind, the manifest was refused before an object (and its kind) was read.
  refused: (source: string, problems: readonly string[], kind?: string) =>
    `Refused ${kind === undefined ? '' : `${kind} `}manifest ${escapeText(source)}:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
  inputTooLarge: `is over the ${inputLimit}; nothing was parsed`,
  inputOverLimit: `is over the ${inputLimit}; reading stopped there, nothing was parsed`,
  notUtf8: 'is not valid UTF-8 text: save the manifest as UTF-8',
  stdinIsTerminal:
    'is a terminal: pipe a manifest into it (kustomize build … | dflag validate -f - …) or give a file to -f',
  stdinEmpty: 'is empty: nothing was piped into it (-f - reads the manifest from standard input)',
  documentTooLarge: (line: number) =>
    `the document starting at line ${line} is over the ${mebibytes(MAX_MANIFEST_DOCUMENT_BYTES)}` +
    ' limit of one document (the API server takes at most 3 MiB per object); nothing was parsed',
  yamlError: (message: string, position?: TextPosition) =>
    `invalid YAML: ${escapeText(message)}${position === undefined ? '' : ` at ${at(position)}`}`,
  // The alias' name is not shown: an unquoted value starting with `*` (a secret, perhaps) reads as one.
  unknownAlias: () =>
    'an alias (*name) names no anchor before it; a value that starts with * must be quoted',
  // A key inside a value (a mapping under a data key) is part of that value: it is not shown.
  duplicateKey: (key: string | undefined, position: TextPosition, first: TextPosition) =>
    `invalid YAML: duplicate key ${key === undefined ? 'inside a value' : shownKey(key)} at ${at(position)} (first at ${at(first)}); the keys of a mapping must be unique`,
  duplicateConfigMapKey: (field: string, key: string, position: TextPosition) =>
    `${field} key ${shownKey(key)} appears more than once (${at(position)}); a ConfigMap key names one file`,
  noDocument: 'holds no YAML document',
  severalDocuments: (kinds: readonly string[], candidates: readonly string[]) =>
    `holds ${candidates.length} documents of kind ${kindsPhrase(kinds)}; choose with --name: ${candidates.map(escapeText).join(', ')}`,
  noAcceptedDocument: (count: number, kinds: readonly string[], found: readonly string[]) =>
    `holds no ${kindsPhrase(kinds)} among its ${count} documents: ${found.map(escapeText).join(', ')}`,
  noSuchName: (name: string, found: readonly string[]) =>
    `holds no document named ${quoted(name)}; found: ${found.map(escapeText).join(', ')}`,
  duplicateName: (name: string, count: number) => `holds ${count} documents named ${quoted(name)}`,
  describeDocument: (index: number, kind: string | undefined, name: string | undefined) =>
    `${name !== undefined ? escapeText(name) : `document ${index + 1} (no name)`} (${kind !== undefined ? escapeText(kind) : 'no kind'})`,
  notMapping: 'is not a Kubernetes object (a YAML mapping with kind, apiVersion and metadata)',
  notAcceptedKind: (kind: unknown, apiVersion: unknown, kinds: readonly string[]) =>
    `is not a ${kindsPhrase(kinds)}: found kind ${escapeText(String(kind))}, apiVersion ${escapeText(String(apiVersion))}; expected kind: ${kindsPhrase(kinds)}, apiVersion: v1`,
  missingName: (kind: string) => `metadata.name is missing: a ${kind} needs a name`,
  fieldNotMapping: (field: string) => `${field} must be a mapping of keys to values`,
  invalidKey: (field: string, key: string, reason: string) =>
    `${field} key ${quoted(key)} is invalid: ${reason}`,
  nonScalarKey: (field: string) => `${field} has a key that is not a plain string`,
  invalidMerge: (field: string) =>
    `${field} has a merge key (<<) whose value is not a mapping or a list of mappings`,
  // The value itself is never echoed: the key may hold a secret, and apply knows no flags.
  nonStringData: (field: string, key: string, type: string, kind: string) =>
    `${field} key ${quoted(key)} has a ${type} value; ${kind} ${field} values must be strings (kubectl refuses it): quote it, e.g. ${escapeText(key)}: "…"`,
  nullData: (field: string, key: string, kind: string) =>
    `${field} key ${quoted(key)} has no value; ${kind} ${field} values must be strings: write ${escapeText(key)}: "" for an empty value`,
  structuredData: (field: string, key: string, type: string, kind: string) =>
    `${field} key ${quoted(key)} has a ${type} value; ${kind} ${field} values must be strings: write it as text, e.g. in a block scalar (${escapeText(key)}: |)`,
  // A Secret's data is base64: say where plain text goes instead.
  base64NotString: (field: string, key: string, kind: string) =>
    `${field} key ${quoted(key)} must be a base64 string` +
    (kind === 'Secret' ? ' (plain text goes under stringData)' : ''),
  invalidBase64: (field: string, key: string, kind: string) =>
    `${field} key ${quoted(key)} is not valid base64 (standard alphabet, with = padding)` +
    (kind === 'Secret' ? "; a Secret's data is base64, plain text goes under stringData" : ''),
  keyInBoth: (key: string) =>
    `key ${quoted(key)} is in both data and binaryData; a key may appear in only one of them`,
  tooLarge: (kind: string) =>
    `${fieldsOf(kind)} total over the ${MAX_CONFIGMAP_BYTES}-byte (1 MiB) limit of a ${kind}`,
} as const;
