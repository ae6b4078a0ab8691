import type { Alias, Document, Node } from 'yaml';
import { isAlias } from 'yaml';
import { yamlNodes } from './yaml-nodes.util.js';

/** AliasResolver resolves the aliases of one document. */
export interface AliasResolver {
  /** AliasResolver.resolve follows an alias to its node; any other node is returned as is. */
  resolve: (node: unknown) => Node | null;
  /** AliasResolver.unresolved lists the aliases with no anchor of their name before them. */
  unresolved: Alias[];
}

/**
 * aliasResolver resolves each alias of `doc` to the node it refers to: the last node before it
 * carrying its anchor, as YAML defines it. One walk of the document serves every alias:
 * `Alias.resolve(doc)` of the `yaml` package walks the whole document on each call, quadratic in
 * a ConfigMap of many aliased values.
 */
export function aliasResolver(doc: Document.Parsed): AliasResolver {
  const anchors = new Map<string, Node>();
  const targets = new Map<Node, Node>();
  const unresolved: Alias[] = [];
  for (const node of yamlNodes(doc)) {
    if (isAlias(node)) {
      const target = anchors.get(node.source);
      if (target === undefined) unresolved.push(node);
      else targets.set(node, target);
    } else if (node.anchor !== undefined) {
      anchors.set(node.anchor, node);
    }
  }
  return {
    resolve: (node) => {
      if (isAlias(node)) return targets.get(node) ?? null;
      return (node as Node | null | undefined) ?? null;
    },
    unresolved,
  };
}
