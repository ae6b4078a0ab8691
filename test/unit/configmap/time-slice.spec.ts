import { runSteps, TimeSlice } from '../../../lib/configmap/time-slice.util.js';

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
/** spend runs until the slice is spent (its share is 50 ms: the wait is bounded). */
const spend = (slice: TimeSlice): void => {
  while (!slice.spent()) {
    // busy: the turn's share is being used
  }
};

describe('TimeSlice', () => {
  it('background slices begun in one turn share its share; the next turn has a new one', async () => {
    await nextTurn();
    const first = TimeSlice.background(50);
    first.begin();
    spend(first);
    const second = TimeSlice.background(50);
    second.begin();
    expect(second.spent()).toBe(true);
    await nextTurn();
    const later = TimeSlice.background(50);
    later.begin();
    expect(later.spent()).toBe(false);
  });

  it("a version's read has a share of its own, whatever background work the turn held", async () => {
    await nextTurn();
    const background = TimeSlice.background(50);
    background.begin();
    spend(background);
    const read = TimeSlice.of(50);
    read.begin();
    expect(read.spent()).toBe(false);
  });

  it('steps begun in a spent turn go on in the next ones, to their end', async () => {
    await nextTurn();
    const busy = TimeSlice.background(50);
    busy.begin();
    spend(busy);
    const slice = TimeSlice.background(50);
    let done = 0;
    function* steps(): Generator<void, string, void> {
      for (let i = 0; i < 3; i++) {
        if (slice.spent()) yield;
        done++;
      }
      return 'finished';
    }
    const result = runSteps(steps(), slice);
    expect(result).toBeInstanceOf(Promise);
    expect(done).toBe(0);
    await expect(result).resolves.toBe('finished');
    expect(done).toBe(3);
  });
});
