import { rm, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { assessHealth } from '../../lib/health/index.js';
import { writeConfigMapVolume } from '../../lib/testing/index.js';
import { eventually } from '../utils/eventually.js';
import { declareFlags, Harness } from '../integration/engine/engine-fixture.js';

describe('review: kubelet layout left with only a version directory', () => {
  const h = new Harness();
  beforeEach(() => h.setup());
  afterEach(() => h.teardown());

  // Was a defect (fixed): once `..data` and the key links are gone for good but a version directory stays
  // (KubeletTransition 'first-write'), the engine reads the directory as empty after 2 s: every
  // flag drops to its default, yet status has no layoutProblem and no error (only a warning),
  // lastResult is 'applied' and health says 'up' — the transition that lasted too long is not
  // reported as degraded, unlike the 'links' case (layoutBroken).
  it('is reported degraded with the reason once the transition lasted too long', async () => {
    await writeConfigMapVolume(h.dir, { greeting: 'from-configmap' });
    const { set, flags } = declareFlags();
    const { engine } = h.engine(set, { resyncInterval: 30 });
    await engine.start();
    await unlink(join(h.dir, 'greeting'));
    await rm(join(h.dir, '..data'));
    await eventually(() => expect(flags.greeting.get()).toBe('hello'), { timeout: 6000 });
    expect(engine.status().layoutProblem).toBeDefined();
    expect(assessHealth(engine.status()).state).toBe('degraded');
  });
});
