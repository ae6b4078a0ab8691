import { isDeepStrictEqual } from 'node:util';
import { jsonEquals, jsonEqualsSteps } from '../../../lib/flags/codecs/json-equals.util.js';
import { runToEnd } from '../../../lib/configmap/time-slice.util.js';
import { defineFlags, flag, FlagSet } from '../../../lib/index.js';

/** compared drives the comparison with a pause at every look: its answer, and how many pauses. */
function compared(a: unknown, b: unknown): { equal: boolean; pauses: number } {
  const steps = jsonEqualsSteps(a, b, () => true);
  let pauses = 0;
  let next = steps.next();
  for (; !next.done; next = steps.next()) pauses++;
  return { equal: next.value, pauses };
}

const big = (last: unknown): unknown => ({
  v: 1,
  items: Array.from({ length: 5_000 }, (_, i) => ({ id: i, tags: ['a', 'b'] })),
  wide: Object.fromEntries(Array.from({ length: 3_000 }, (_, i) => [`k${i}`, i])),
  last,
});

/** Pairs of JSON values (`util.isDeepStrictEqual` says what each compares as, but `0` and `-0`). */
const pairs: Array<[unknown, unknown]> = [
  [null, null],
  [1, 1],
  ['a', 'a'],
  [{}, []],
  [[1, 2], { 0: 1, 1: 2 }],
  [
    { a: 1, b: [1, { c: null }] },
    { b: [1, { c: null }], a: 1 },
  ],
  [{ a: 1 }, { a: 1, b: 2 }],
  [
    { a: 1, b: 2 },
    { a: 1, c: 2 },
  ],
  [{ a: undefined }, { b: undefined }],
  [[[[]]], [[[]]]],
  [[[[]]], [[[0]]]],
  [big('end'), big('end')],
  [big('end'), big('END')],
  [big({ deep: [1] }), big({ deep: [2] })],
];

describe('JSON equality', () => {
  it('answers as util.isDeepStrictEqual on JSON values, in one go and in steps', () => {
    for (const [a, b] of pairs) {
      const expected = isDeepStrictEqual(a, b);
      expect(jsonEquals(a, b)).toBe(expected);
      expect(jsonEquals(b, a)).toBe(expected);
      expect(compared(a, b).equal).toBe(expected);
      expect(runToEnd(jsonEqualsSteps(b, a, () => false))).toBe(expected);
    }
  });

  it('0 and -0 are equal, as their JSON texts are', () => {
    for (const [a, b] of [
      [0, -0],
      [{ n: [0] }, { n: [-0] }],
    ]) {
      expect(jsonEquals(a, b)).toBe(true);
      expect(compared(a, b).equal).toBe(true);
    }
  });

  it('two big documents that differ at their end are compared in steps, not in one block', () => {
    // One look every 1 024 items: 20 000 items and 3 000 keys are more than a dozen steps.
    const { equal, pauses } = compared(big('end'), big('END'));
    expect(equal).toBe(false);
    expect(pauses).toBeGreaterThanOrEqual(12);
    // A difference found early ends the walk.
    expect(compared({ v: 1, rest: big('x') }, { v: 2, rest: big('x') }).pauses).toBe(0);
  });

  it('a document prepared ahead is compared ahead, and the swap uses that comparison', () => {
    const set = new FlagSet('json-equals');
    const { doc } = defineFlags(
      { doc: flag.json<unknown>({ default: {}, description: '', dynamic: true }) },
      set,
    );
    const changes: unknown[] = [];
    doc.onChange((change) => changes.push(change.current));
    const first = doc.parse(JSON.stringify(big('end')), 'configmap', '/v/doc');
    set.apply([{ name: 'doc', source: 'configmap', parsed: { value: first } }]);
    expect(changes).toHaveLength(1);

    // The same content, parsed again (another version's bytes): compared ahead, equal, no change;
    // the swap looks at neither document again.
    let looks = 0;
    const same = new Proxy(doc.parse(JSON.stringify(big('end')), 'configmap', '/v/doc') as object, {
      get(target, key, receiver) {
        looks++;
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    const ahead = doc.compareAhead(same, () => true);
    let pauses = 0;
    while (!ahead.next().done) pauses++;
    expect(pauses).toBeGreaterThanOrEqual(12);
    expect(looks).toBeGreaterThan(0);
    looks = 0;
    set.apply([{ name: 'doc', source: 'configmap', parsed: { value: same } }]);
    expect(looks).toBe(0);
    expect(changes).toHaveLength(1);

    // Compared ahead with the value serving then; another value served meanwhile: compared anew.
    const other = doc.parse(JSON.stringify(big('other')), 'configmap', '/v/doc');
    runToEnd(doc.compareAhead(other, () => false));
    set.apply([{ name: 'doc', source: 'configmap', parsed: { value: big('between') } }]);
    set.apply([{ name: 'doc', source: 'configmap', parsed: { value: other } }]);
    expect(changes).toHaveLength(3);
    expect((changes.at(-1) as { last: unknown }).last).toBe('other');
  });
});
