import type { FlagCodec } from './flag-codec.interface.js';
import { FrozenSet } from './frozen-set.js';
import { splitItems } from './list.codec.js';
import { toText } from './text.util.js';

const sorted = (value: ReadonlySet<string>): string[] => [...value].sort();

/** setCodec: unique strings, order-free, comma-separated in text (duplicates collapse). */
export const setCodec: FlagCodec<ReadonlySet<string>> = {
  kind: 'set',
  expected: 'comma-separated items such as a,b,c (order and duplicates do not matter)',
  parse: (raw) => new FrozenSet(splitItems(toText(raw))),
  freeze: (value) => (value instanceof FrozenSet ? value : new FrozenSet(value)),
  format: (value) => sorted(value).join(','),
  canonical: (value) => JSON.stringify(sorted(value)),
  equals: (a, b) => a.size === b.size && [...a].every((item) => b.has(item)),
  accepts: (value) =>
    value instanceof Set && [...(value as Set<unknown>)].every((item) => typeof item === 'string')
      ? undefined
      : 'not a Set of strings',
};
