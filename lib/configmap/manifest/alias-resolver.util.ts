import type { Document, Node } from 'yaml';
import { isAlias } from 'yaml';
import { yamlNodes } from './yaml-nodes.util.js';

/**
 * aliasResolver returns a function resolving each alias of `doc` to the node it refers to: the
 * last node before it carrying its anchor, as YAML defines it (`undefined` when there is none).
 * One walk of the document serves every alias: `Alias.resolve(doc)` of the `yaml` package walks
 * the whole document on each call, quadratic in a ConfigMap of many aliased values.
 */
export function aliasResolver(doc: Document.Parsed): (node: unknown) => Node | null {
  const anchors = new Map<string, Node>();
  const targets = new Map<Node, Node | undefined>();
  for (const node of yamlNodes(doc)) {
    if (isAlias(node)) targets.set(node, anchors.get(node.source));
    else if (node.anchor !== undefined) anchors.set(node.anchor, node);
  }
  return (node) => {
    if (isAlias(node)) return targets.get(node) ?? null;
    return (node as Node | null | undefined) ?? null;
  };
}
