import { writeConfigMapVolume } from '../../lib/testing/index.js';
import { eventually } from '../utils/eventually.js';
import { declareFlags, Harness } from '../integration/engine/engine-fixture.js';

describe('review: startOnInvalid unready + onInvalid reject-version', () => {
  const h = new Harness();
  beforeEach(() => h.setup());
  afterEach(() => h.teardown());

  // Was a defect (fixed): StartupReadiness.processed() clears a pending flag whenever the flag is not in the
  // version's refusedFlags, even when the version was rejected as a whole (reject-version): the
  // flag's valid value was never applied, it still serves the refusal's fallback, yet the pod
  // latches ready (status().ready true, refusedAtStart empty).
  it('a rejected version that holds a valid value for the pending flag does not make the pod ready', async () => {
    await writeConfigMapVolume(h.dir, { rate: '-1', greeting: 'a' });
    const { set, flags } = declareFlags();
    const { engine, reports } = h.engine(set, {
      startOnInvalid: 'unready',
      onInvalid: 'reject-version',
    });
    await engine.start();
    expect(engine.status()).toMatchObject({ ready: false, refusedAtStart: ['rate'] });
    // rate is fixed, but greeting... is fine too; policy is bad JSON: the version is rejected whole.
    await writeConfigMapVolume(h.dir, { rate: '5', greeting: 'b', policy: '{' });
    await eventually(() => expect(reports).toHaveLength(1));
    expect(reports[0]!.result).toBe('rejected');
    expect(flags.rate.get()).toBe(10); // still the default fallback
    expect(engine.status()).toMatchObject({ ready: false, refusedAtStart: ['rate'] });
  });
});
