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

/** manifestMessages holds every user-facing string of the manifest reader. */
export const manifestMessages = {
  refused: (source: string, problems: readonly string[]) =>
    `Refused ConfigMap manifest ${escapeText(source)}:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
  inputTooLarge: (size: number) => `is ${size} bytes, over the ${inputLimit}; nothing was parsed`,
  inputOverLimit: `is over the ${inputLimit}; reading stopped there, nothing was parsed`,
  notUtf8: 'is not valid UTF-8 text: save the manifest as UTF-8',
  documentTooLarge: (line: number, size: number) =>
    `the document starting at line ${line} is ${size} bytes, over the ${mebibytes(MAX_MANIFEST_DOCUMENT_BYTES)}` +
    ' limit of one document (the API server takes at most 3 MiB per object); nothing was parsed',
  yamlError: (message: string, position?: TextPosition) =>
    `invalid YAML: ${escapeText(message)}${position === undefined ? '' : ` at ${at(position)}`}`,
  // The alias' name is not shown: an unquoted value starting with `*` (a secret, perhaps) reads as one.
  unknownAlias: () =>
    'an alias (*name) names no anchor before it; a value that starts with * must be quoted',
  duplicateKey: (key: string, position: TextPosition, first: TextPosition) =>
    `invalid YAML: duplicate key ${shownKey(key)} at ${at(position)} (first at ${at(first)}); the keys of a mapping must be unique`,
  duplicateConfigMapKey: (field: string, key: string, position: TextPosition) =>
    `${field} key ${shownKey(key)} appears more than once (${at(position)}); a ConfigMap key names one file`,
  noDocument: 'holds no YAML document',
  severalDocuments: (count: number, found: readonly string[]) =>
    `holds ${count} documents; choose one with --name: ${found.map(escapeText).join(', ')}`,
  noSuchName: (name: string, found: readonly string[]) =>
    `holds no document named ${quoted(name)}; found: ${found.map(escapeText).join(', ')}`,
  duplicateName: (name: string, count: number) => `holds ${count} documents named ${quoted(name)}`,
  describeDocument: (index: number, kind: string | undefined, name: string | undefined) =>
    `${name !== undefined ? escapeText(name) : `document ${index + 1} (no name)`} (${kind !== undefined ? escapeText(kind) : 'no kind'})`,
  notMapping: 'is not a Kubernetes object (a YAML mapping with kind, apiVersion and metadata)',
  notConfigMap: (kind: unknown, apiVersion: unknown) =>
    `is not a ConfigMap: found kind ${escapeText(String(kind))}, apiVersion ${escapeText(String(apiVersion))}; expected kind: ConfigMap, apiVersion: v1`,
  missingName: 'metadata.name is missing: a ConfigMap needs a name',
  fieldNotMapping: (field: string) => `${field} must be a mapping of keys to values`,
  invalidKey: (field: string, key: string, reason: string) =>
    `${field} key ${quoted(key)} is invalid: ${reason}`,
  nonScalarKey: (field: string) => `${field} has a key that is not a plain string`,
  // The value itself is never echoed: the key may hold a secret, and apply knows no flags.
  nonStringData: (key: string, type: string) =>
    `data key ${quoted(key)} has a ${type} value; ConfigMap data values must be strings (kubectl refuses it): quote it, e.g. ${escapeText(key)}: "…"`,
  nullData: (key: string) =>
    `data key ${quoted(key)} has no value; ConfigMap data values must be strings: write ${escapeText(key)}: "" for an empty value`,
  structuredData: (key: string, type: string) =>
    `data key ${quoted(key)} has a ${type} value; ConfigMap data values must be strings: write it as text, e.g. in a block scalar (${escapeText(key)}: |)`,
  binaryNotString: (key: string) => `binaryData key ${quoted(key)} must be a base64 string`,
  invalidBase64: (key: string) =>
    `binaryData key ${quoted(key)} is not valid base64 (standard alphabet, with = padding)`,
  keyInBoth: (key: string) =>
    `key ${quoted(key)} is in both data and binaryData; a key may appear in only one of them`,
  tooLarge: (size: number) =>
    `data and binaryData total ${size} bytes, over the ${MAX_CONFIGMAP_BYTES}-byte (1 MiB) limit of a ConfigMap`,
} as const;
