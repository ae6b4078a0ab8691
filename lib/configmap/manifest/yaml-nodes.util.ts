import type { Document, Node } from 'yaml';
import { isMap, isPair, isSeq } from 'yaml';

/**
 * yamlNodes walks every node of a document in document order (a mapping, then each key before
 * its value), without recursion: a deeply nested document cannot overflow the stack, and the
 * walk is linear (the `yaml` package's `visit` copies the ancestry at every level).
 */
export function* yamlNodes(doc: Document.Parsed): Generator<Node> {
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const item = stack.pop();
    if (isPair(item)) {
      stack.push(item.value, item.key);
      continue;
    }
    if (item === null || item === undefined || typeof item !== 'object') continue;
    const node = item as Node;
    yield node;
    if (isMap(node) || isSeq(node)) {
      for (let i = node.items.length - 1; i >= 0; i--) stack.push(node.items[i]);
    }
  }
}
