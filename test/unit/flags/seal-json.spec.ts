import {
  FORBIDDEN_KEY_REASON,
  sealParsedJson,
  sealParsedJsonSteps,
} from '../../../lib/flags/codecs/seal-json.util.js';

/** run drives the steps with a pause at every look, and counts the pauses. */
function run(value: unknown): { problem: string | undefined; pauses: number } {
  const steps = sealParsedJsonSteps(value, () => true);
  let pauses = 0;
  let next = steps.next();
  for (; !next.done; next = steps.next()) pauses++;
  return { problem: next.value, pauses };
}

describe('sealParsedJson: the check-and-freeze walk of a parsed document, in steps', () => {
  it('pauses every 1 024 items, inside one long array too, and freezes every container', () => {
    const doc = JSON.parse(
      JSON.stringify({ v: 1, items: Array.from({ length: 5_000 }, (_, i) => ({ i, t: [i] })) }),
    ) as { items: Array<{ t: number[] }> };
    const { problem, pauses } = run(doc);
    expect(problem).toBeUndefined();
    // 5 000 × 3 items and more: at least 14 looks, each a pause here.
    expect(pauses).toBeGreaterThanOrEqual(14);
    expect(Object.isFrozen(doc)).toBe(true);
    expect(doc.items.every((item) => Object.isFrozen(item) && Object.isFrozen(item.t))).toBe(true);
  });

  it('reports the first problem in document order, as one walk does', () => {
    const deep = JSON.parse(`${'['.repeat(1001)}${']'.repeat(1001)}`) as unknown;
    const keyed = JSON.parse(
      JSON.stringify({ a: Array.from({ length: 3_000 }, (_, i) => ({ i })), z: 1 }).replace(
        '"z":1',
        '"z":{"constructor":1},"__proto__":2',
      ),
    ) as unknown;
    expect(run(deep).problem).toBe('nested deeper than 1000 levels');
    expect(run(keyed).problem).toBe(FORBIDDEN_KEY_REASON);
    expect(sealParsedJson(keyed)).toBe(FORBIDDEN_KEY_REASON);
    expect(sealParsedJson(JSON.parse('{"a":[1,{"b":null}]}'))).toBeUndefined();
  });
});
