import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeConfigMapVolume } from '../../lib/testing/index.js';
import { eventually } from '../utils/eventually.js';
import { declareFlags, Harness } from '../integration/engine/engine-fixture.js';

describe('review: kubelet ..data replaced by a regular directory', () => {
  const h = new Harness();
  beforeEach(() => h.setup());
  afterEach(() => h.teardown());

  // Was a defect: the layoutProblem said "..data is missing while keys still link into it", but
  // ..data is there — a real directory, which the values are read from. Now it is no problem (the
  // values apply through the links) and a warning says what ..data is.
  it('says what ..data is, not that it is missing', async () => {
    await writeConfigMapVolume(h.dir, { greeting: 'a' });
    const { set, flags } = declareFlags();
    const { engine } = h.engine(set, { resyncInterval: 30 });
    await engine.start();
    await rm(join(h.dir, '..data'));
    await mkdir(join(h.dir, '..data'));
    await writeFile(join(h.dir, '..data', 'greeting'), 'b');
    await eventually(() => expect(flags.greeting.get()).toBe('b'), { timeout: 6000 });
    expect(engine.status().layoutProblem).toBeUndefined();
    expect(engine.status().warnings).toContain(
      `${h.dir}/..data is a directory, not kubelet's symlink: the directory is read as a plain one (keys through their links)`,
    );
  });
});
