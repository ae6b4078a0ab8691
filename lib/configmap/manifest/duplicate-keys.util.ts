import type { Document, Node } from 'yaml';
import { isMap, isScalar } from 'yaml';
import { yamlNodes } from './yaml-nodes.util.js';

/** DuplicateKey is a mapping key that an earlier key of the same mapping already holds. */
export interface DuplicateKey {
  /** DuplicateKey.key is the key, as text. */
  key: string;
  /** DuplicateKey.offset is where the repeated key starts in the source. */
  offset: number;
  /** DuplicateKey.firstOffset is where its first occurrence starts. */
  firstOffset: number;
  /**
   * DuplicateKey.inValue: the mapping is inside a value (a key's value under `data`, say) rather
   * than the object's own structure (the document, its fields, `metadata`'s fields): its keys are
   * part of that value, perhaps a secret's, and are not to be shown.
   */
  inValue: boolean;
}

/**
 * The mappings that are the object's own structure: the document's, each of its fields'
 * (`metadata`, `data`…), and each of `metadata`'s (`labels`, `annotations`).
 */
function structuralMaps(doc: Document.Parsed): Set<unknown> {
  const maps = new Set<unknown>();
  const root = doc.contents;
  if (!isMap(root)) return maps;
  maps.add(root);
  for (const { key, value } of root.items) {
    if (!isMap(value)) continue;
    maps.add(value);
    if (isScalar(key) && key.value === 'metadata') {
      for (const field of value.items) if (isMap(field.value)) maps.add(field.value);
    }
  }
  return maps;
}

const startOf = (node: Node): number => node.range?.[0] ?? -1;

/**
 * duplicateKeys finds the repeated keys of every mapping of `doc`, in linear time. Keys are
 * compared as the `yaml` package's own `uniqueKeys` check compares them (scalars by their
 * resolved value: in YAML 1.1 `on` and `true` are the same key; other keys by identity), which the
 * parser runs with `uniqueKeys: false`: its check compares each key with every earlier one,
 * quadratic in the size of a mapping.
 */
export function duplicateKeys(doc: Document.Parsed): DuplicateKey[] {
  const found: DuplicateKey[] = [];
  const structural = structuralMaps(doc);
  for (const node of yamlNodes(doc)) {
    if (!isMap(node)) continue;
    const seen = new Map<unknown, Node>();
    for (const { key } of node.items) {
      if (!isScalar(key)) continue;
      const first = seen.get(key.value);
      if (first === undefined) seen.set(key.value, key);
      else
        found.push({
          key: String(key.value),
          offset: startOf(key),
          firstOffset: startOf(first),
          inValue: !structural.has(node),
        });
    }
  }
  return found;
}
