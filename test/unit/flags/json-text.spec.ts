import {
  CHARS_PER_PART,
  canonicalJson,
  canonicalJsonSteps,
  jsonPrefix,
} from '../../../lib/flags/codecs/json-text.util.js';
import { defineFlags, flag, FlagSet } from '../../../lib/index.js';

/** sortedReplacer is the plain way to write sorted JSON: what canonical text must equal. */
const sortedReplacer = (_key: string, value: unknown): unknown =>
  value !== null && typeof value === 'object' && !Array.isArray(value)
    ? Object.fromEntries(
        Object.keys(value)
          .sort()
          .map((k) => [k, (value as Record<string, unknown>)[k]]),
      )
    : value;

/** written drives the canonical steps with a pause at every look: the text, and how many pauses. */
function written(value: unknown): { text: string; pauses: number } {
  const steps = canonicalJsonSteps(value, () => true);
  let pauses = 0;
  let next = steps.next();
  for (; !next.done; next = steps.next()) pauses++;
  return { text: next.value, pauses };
}

const documents: unknown[] = [
  null,
  42,
  'text with "quotes" and \u2028',
  [],
  {},
  { b: 1, a: [3, { d: null, c: 'x' }], '10': true, '2': false, é: 'accent' },
  JSON.parse('{"z":{"y":{"x":[1,2,{"w":"deep"}]}},"a":[[],[{}]]}'),
  Array.from({ length: 600 }, (_, i) => ({ id: i, name: `item ${i}`, tags: ['a', 'b'] })),
];

/**
 * Long strings and keys whose parts could end between the two halves of a surrogate pair
 * ({@link CHARS_PER_PART} characters a part): a pair (😀) across each such boundary (each part that ends at one is one
 * character longer, and so is where the next pair falls), lone surrogates, escapes.
 */
const pairAcross = (length: number): string =>
  Array.from({ length }, (_, i) =>
    (i + 1) % CHARS_PER_PART === 0 ? '😀' : i % 7 === 0 ? '\ud800' : 'a',
  ).join('');
const longStrings: unknown[] = [
  pairAcross(40_000),
  '\udc00'.repeat(30_000),
  '"\n\u0001'.repeat(20_000),
  { s: pairAcross(20_000), v: 1, [pairAcross(9_000)]: [pairAcross(17_000)] },
  [
    pairAcross(8 * CHARS_PER_PART - 1),
    pairAcross(8 * CHARS_PER_PART),
    pairAcross(8 * CHARS_PER_PART + 1),
    'short',
  ],
];

describe('the texts of a JSON value', () => {
  it('canonical text sorts every object\u2019s keys, as a sorting replacer would', () => {
    for (const value of documents) {
      expect(canonicalJson(value)).toBe(JSON.stringify(value, sortedReplacer));
    }
  });

  it('canonical text written in steps pauses on a big document and gives the same text', () => {
    const big = documents.at(-1);
    const { text, pauses } = written(big);
    expect(pauses).toBeGreaterThan(1);
    expect(text).toBe(canonicalJson(big));
  });

  it('canonical text written in steps pauses inside one long array and one wide object', () => {
    const long = Array.from({ length: 10_000 }, (_, i) => (i % 3 === 0 ? { i, z: [i] } : i));
    const wide = Object.fromEntries(
      Array.from({ length: 10_000 }, (_, i) => [`k${10_000 - i}`, i]),
    );
    for (const value of [long, wide, { __proto__: null, a: long, b: wide }]) {
      const { text, pauses } = written(value);
      // One look every 1 024 items: a container is not one step however many items it holds.
      expect(pauses).toBeGreaterThanOrEqual(9);
      expect(text).toBe(JSON.stringify(value, sortedReplacer));
    }
  });

  it('the text of a big copy is written in parts: a pause after each of its containers, not one stringify', () => {
    // The shape of the bench's 1 MiB document: a few keys over one array of many small objects.
    const items = Array.from({ length: 5_000 }, (_, i) => ({
      on: i % 2 === 0,
      id: i,
      tags: ['b', 'a'],
    }));
    const value = { v: 7, items, empty: {}, list: [] };
    const { text, pauses } = written(value);
    // The copy looks every 1 024 items (~25 here); the writing after each of the 5 000 objects.
    expect(pauses).toBeGreaterThanOrEqual(5_000);
    expect(text).toBe(JSON.stringify(value, sortedReplacer));
    expect(canonicalJson(value)).toBe(text);
  });

  it('long strings and keys are written in parts, and the parts are the whole text', () => {
    for (const value of longStrings) {
      const { text, pauses } = written(value);
      // A 1 MiB string of lone surrogates was one JSON.stringify of 13–16 ms.
      expect(pauses).toBeGreaterThanOrEqual(3);
      expect(text).toBe(JSON.stringify(value, sortedReplacer));
      expect(canonicalJson(value)).toBe(text);
    }
  });

  it('a long text is joined in a step of its own, even when the slice is not spent', () => {
    // Sixteen keys of 64 KiB parse in ~0.3 ms: a slice's work followed by the join (~1 ms per
    // MiB) made a step past that document's parse + 2 ms.
    const neverSpent = (): boolean => false;
    for (const value of [{ k: 'x'.repeat(70_000), v: 1 }, 'y'.repeat(70_000)]) {
      const steps = canonicalJsonSteps(value, neverSpent);
      let pauses = 0;
      let next = steps.next();
      for (; !next.done; next = steps.next()) pauses++;
      // A pause before the join and one after it: no other work shares its step.
      expect(pauses).toBe(2);
      expect(next.value).toBe(JSON.stringify(value, sortedReplacer));
    }
    // A short text is written in one step.
    expect(canonicalJsonSteps({ k: 'x'.repeat(100) }, neverSpent).next().done).toBe(true);
  });

  it('a prefix is the beginning of JSON.stringify, at least as long as asked, and whole when shorter', () => {
    for (const value of [...documents, ...longStrings]) {
      const whole = JSON.stringify(value);
      for (const length of [1, 5, 81, 10_000, 1_000_000]) {
        const prefix = jsonPrefix(value, length);
        expect(whole.startsWith(prefix)).toBe(true);
        expect(prefix.length).toBeGreaterThanOrEqual(Math.min(whole.length, length));
        if (whole.length <= length) expect(prefix).toBe(whole);
      }
    }
  });

  it('a prefix never writes what it cuts off: a long string is cut first, and an object\u2019s other fields are not visited', () => {
    const visited: string[] = [];
    const value = new Proxy(
      { a: pairAcross(100_000), b: 1, c: 2 },
      {
        get(target, key, receiver) {
          if (typeof key === 'string') visited.push(key);
          return Reflect.get(target, key, receiver) as unknown;
        },
      },
    );
    const prefix = jsonPrefix(value, 81);
    expect(visited).toEqual(['a']);
    expect(prefix.length).toBeLessThan(200);
    expect(JSON.stringify(value).startsWith(prefix)).toBe(true);
  });

  it('a prefix cut at a surrogate pair keeps the pair whole, and skips inherited fields', () => {
    const pair = '😀'.repeat(100);
    for (const length of [1, 2, 3, 80, 81]) {
      const prefix = jsonPrefix(pair, length);
      expect(JSON.stringify(pair).startsWith(prefix)).toBe(true);
      expect(prefix).not.toMatch(/\\ud/);
    }
    const child = Object.create({ inherited: true }) as Record<string, unknown>;
    child.own = 1;
    expect(jsonPrefix(child, 100)).toBe('{"own":1}');
  });

  it('a big document\u2019s change-line text is the shortened text of the whole', () => {
    const set = new FlagSet('json-text');
    const { doc } = defineFlags({ doc: flag.json({ default: {}, description: '' }) }, set);
    const value = documents.at(-1) as object;
    set.override({ doc: value });
    const whole = JSON.stringify(doc.get());
    expect(doc.format()).toBe(`${whole.slice(0, 79)}…`);
  });
});
