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
  for (const node of yamlNodes(doc)) {
    if (!isMap(node)) continue;
    const seen = new Map<unknown, Node>();
    for (const { key } of node.items) {
      if (!isScalar(key)) continue;
      const first = seen.get(key.value);
      if (first === undefined) seen.set(key.value, key);
      else
        found.push({ key: String(key.value), offset: startOf(key), firstOffset: startOf(first) });
    }
  }
  return found;
}
