import { MAX_CONFIGMAP_BYTES } from '../../kubelet/kubelet.constants.js';

const quoted = (s: string): string => JSON.stringify(s);

/** manifestMessages holds every user-facing string of the manifest reader. */
export const manifestMessages = {
  refused: (source: string, problems: readonly string[]) =>
    `Refused ConfigMap manifest ${source}:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
  yamlError: (message: string) => `invalid YAML: ${message}`,
  noDocument: 'holds no YAML document',
  severalDocuments: (count: number, found: readonly string[]) =>
    `holds ${count} documents; choose one with --name: ${found.join(', ')}`,
  noSuchName: (name: string, found: readonly string[]) =>
    `holds no document named ${quoted(name)}; found: ${found.join(', ')}`,
  duplicateName: (name: string, count: number) => `holds ${count} documents named ${quoted(name)}`,
  describeDocument: (index: number, kind: string | undefined, name: string | undefined) =>
    `${name ?? `document ${index + 1} (no name)`} (${kind ?? 'no kind'})`,
  notMapping: 'is not a Kubernetes object (a YAML mapping with kind, apiVersion and metadata)',
  notConfigMap: (kind: unknown, apiVersion: unknown) =>
    `is not a ConfigMap: found kind ${String(kind)}, apiVersion ${String(apiVersion)}; expected kind: ConfigMap, apiVersion: v1`,
  missingName: 'metadata.name is missing: a ConfigMap needs a name',
  fieldNotMapping: (field: string) => `${field} must be a mapping of keys to values`,
  invalidKey: (field: string, key: string, reason: string) =>
    `${field} key ${quoted(key)} is invalid: ${reason}`,
  nonScalarKey: (field: string) => `${field} has a key that is not a plain string`,
  // The value itself is never echoed: the key may hold a secret, and apply knows no flags.
  nonStringData: (key: string, type: string) =>
    `data key ${quoted(key)} has a ${type} value; ConfigMap data values must be strings (kubectl refuses it): quote it, e.g. ${key}: "…"`,
  nullData: (key: string) =>
    `data key ${quoted(key)} has no value; ConfigMap data values must be strings: write ${key}: "" for an empty value`,
  structuredData: (key: string, type: string) =>
    `data key ${quoted(key)} has a ${type} value; ConfigMap data values must be strings: write it as text, e.g. in a block scalar (${key}: |)`,
  binaryNotString: (key: string) => `binaryData key ${quoted(key)} must be a base64 string`,
  invalidBase64: (key: string) =>
    `binaryData key ${quoted(key)} is not valid base64 (standard alphabet, with = padding)`,
  keyInBoth: (key: string) =>
    `key ${quoted(key)} is in both data and binaryData; a key may appear in only one of them`,
  tooLarge: (size: number) =>
    `data and binaryData total ${size} bytes, over the ${MAX_CONFIGMAP_BYTES}-byte (1 MiB) limit of a ConfigMap`,
} as const;
