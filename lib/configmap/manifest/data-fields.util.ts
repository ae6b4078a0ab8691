import type { Node, Scalar } from 'yaml';
import { isMap, isScalar, isSeq } from 'yaml';
import { keyNameProblem } from '../../kubelet/key-path.util.js';
import type { ManifestKind } from './configmap-manifest.interface.js';
import { manifestMessages } from './manifest-messages.constant.js';
import { mergedPairs } from './merge-key.util.js';
import type { ManifestDocument } from './select-document.util.js';
import { child } from './select-document.util.js';

/** DataField is a field of a ConfigMap or Secret whose keys become files of the volume. */
export type DataField = 'data' | 'binaryData' | 'stringData';

/** DataEntry is one key of a data field, with its value's node. */
export interface DataEntry {
  key: string;
  value: Node | null;
}

// Go's base64.StdEncoding (which decodes binaryData for the API server) skips line breaks.
const LINE_BREAKS = /[\r\n]/g;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** record is an object without a prototype: a key named `__proto__` is an ordinary key there. */
export const record = <T>(): Record<string, T> => Object.create(null) as Record<string, T>;

/**
 * dataEntries lists the keys of `field` (merge keys expanded, as kubectl reads them), pushing a
 * problem for a field that is not a mapping, a key that is not a string, a key given twice (`1`
 * and `"1"`) and an illegal key name. An illegal key is still listed, so its value is checked too.
 */
export function dataEntries(
  entry: ManifestDocument,
  field: DataField,
  problems: string[],
): DataEntry[] {
  const { resolve, position } = entry;
  const node = child(resolve, entry.doc.contents, field);
  if (node === null || (isScalar(node) && node.value === null)) return [];
  if (!isMap(node)) {
    problems.push(manifestMessages.fieldNotMapping(field));
    return [];
  }
  const { pairs, invalid } = mergedPairs(resolve, node);
  if (invalid) problems.push(manifestMessages.invalidMerge(field));
  const entries: DataEntry[] = [];
  const keys = new Set<string>();
  for (const { pair, merged } of pairs) {
    const keyNode = resolve(pair.key);
    if (!isScalar(keyNode) || keyNode.value === null || typeof keyNode.value === 'object') {
      problems.push(manifestMessages.nonScalarKey(field));
      continue;
    }
    const key = String(keyNode.value);
    if (keys.has(key)) {
      // A merged key is overridden by the mapping's own key or an earlier merge: no conflict.
      if (merged) continue;
      // Distinct YAML keys may name the same file (1 and "1"); YAML itself refused equal ones.
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

/**
 * scalarType names what a scalar that is not a string holds: a boolean, a number, or what its
 * YAML tag makes of it (`!!binary` bytes).
 */
function scalarType(value: Scalar): string {
  const held = value.value;
  if (typeof held === 'boolean') return 'boolean';
  if (typeof held === 'number' || typeof held === 'bigint') return 'number';
  if (held instanceof Uint8Array) return 'binary (!!binary)';
  return 'non-string';
}

/** readText reads string values (a ConfigMap's `data`, a Secret's `stringData`). */
export function readText(
  entries: readonly DataEntry[],
  field: DataField,
  kind: ManifestKind,
  problems: string[],
): Record<string, string> {
  const data = record<string>();
  for (const { key, value } of entries) {
    if (isScalar(value) && typeof value.value === 'string') {
      data[key] = value.value;
    } else if (value === null || (isScalar(value) && value.value === null)) {
      problems.push(manifestMessages.nullData(field, key, kind));
    } else if (isScalar(value)) {
      problems.push(manifestMessages.nonStringData(field, key, scalarType(value), kind));
    } else {
      const type = isMap(value) ? 'mapping' : isSeq(value) ? 'list' : 'non-string';
      problems.push(manifestMessages.structuredData(field, key, type, kind));
    }
  }
  return data;
}

/**
 * readBase64 decodes base64 values (a ConfigMap's `binaryData`, a Secret's `data`) as the API
 * server does: the standard alphabet with padding, line breaks skipped. A refused value is never
 * quoted, only its key named.
 */
export function readBase64(
  entries: readonly DataEntry[],
  field: DataField,
  kind: ManifestKind,
  problems: string[],
): Record<string, Uint8Array> {
  const decoded = record<Uint8Array>();
  for (const { key, value } of entries) {
    if (!isScalar(value) || typeof value.value !== 'string') {
      problems.push(manifestMessages.base64NotString(field, key, kind));
      continue;
    }
    const encoded = value.value.replace(LINE_BREAKS, '');
    if (!BASE64.test(encoded)) {
      problems.push(manifestMessages.invalidBase64(field, key, kind));
      continue;
    }
    decoded[key] = new Uint8Array(Buffer.from(encoded, 'base64'));
  }
  return decoded;
}
