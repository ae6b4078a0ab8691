import type { Node, Pair } from 'yaml';
import { isMap, isScalar, isSeq } from 'yaml';

/** isMergeKey is true for a plain `<<` key, which YAML 1.1 (and so kubectl) reads as a merge. */
export function isMergeKey(key: unknown): boolean {
  // The `yaml` package resolves a plain `<<` to a symbol under YAML 1.1; a quoted '<<' stays text.
  return isScalar(key) && typeof key.value === 'symbol' && key.value.description === '<<';
}

/** MergedPair is one pair of a mapping, and whether it came through a merge key. */
export interface MergedPair {
  pair: Pair<unknown, unknown>;
  merged: boolean;
}

/**
 * mergedPairs lists the pairs of a mapping with its `<<` merge keys expanded, as kubectl reads
 * them (https://yaml.org/type/merge.html): the mapping's own keys win over merged ones, and of
 * several merged mappings (`<<: [*a, *b]`) the earlier wins. A merged mapping's own `<<` is
 * expanded too; an alias that loops back into a mapping being expanded is skipped. Without merge
 * keys, `data: { <<: *defaults, extra: x }` would count one key named `<<` instead of every key of
 * `*defaults`.
 *
 * @param resolve follows an alias to its node
 * @param map the mapping
 * @returns the pairs in precedence order (own ones first: the first of a key wins); `invalid` is true when a `<<` holds something other than a
 *   mapping or a list of mappings
 */
export function mergedPairs(
  resolve: (node: unknown) => Node | null,
  map: Node,
): { pairs: MergedPair[]; invalid: boolean } {
  const pairs: MergedPair[] = [];
  let invalid = false;
  const visiting = new Set<Node>();
  const walk = (node: Node, merged: boolean): void => {
    if (!isMap(node) || visiting.has(node)) return;
    visiting.add(node);
    const merges: unknown[] = [];
    for (const pair of node.items as Pair<unknown, unknown>[]) {
      if (isMergeKey(resolve(pair.key))) merges.push(pair.value);
      else pairs.push({ pair, merged });
    }
    for (const value of merges) {
      const source = resolve(value);
      const sources = isSeq(source) ? source.items.map((item) => resolve(item)) : [source];
      for (const item of sources) {
        if (isMap(item)) walk(item, true);
        else invalid = true;
      }
    }
    visiting.delete(node);
  };
  walk(map, false);
  return { pairs, invalid };
}
