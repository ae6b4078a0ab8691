import { mkdir, rename, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeConfigMapVolume } from '../../lib/testing/index.js';
import { eventually } from '../utils/eventually.js';
import { declareFlags, Harness } from '../integration/engine/engine-fixture.js';

/** pointDataAtFile relinks `..data` atomically (as kubelet does) to a regular file of the volume. */
async function pointDataAtFile(dir: string): Promise<void> {
  await writeFile(join(dir, '..not-a-version'), 'x');
  await symlink('..not-a-version', join(dir, '..data_tmp'));
  await rename(join(dir, '..data_tmp'), join(dir, '..data'));
}

describe('review: a problem version compared by content', () => {
  const h = new Harness();
  beforeEach(() => h.setup());
  afterEach(() => h.teardown());

  // Was a defect (fixed): sameContent() ignores snapshot.problem. A problem snapshot has no entries, no
  // refusals and no warnings, so it "equals" an empty ConfigMap: after an empty version served,
  // `..data` pointing at a file is taken for a same-content swap — no error, lastResult stays
  // 'applied', and status().version names the file as the version serving.
  it('..data pointed at a file after an empty ConfigMap is reported, not taken as the same content', async () => {
    const empty = await writeConfigMapVolume(h.dir, {});
    const { set } = declareFlags();
    const { engine } = h.engine(set, { resyncInterval: 30 });
    await engine.start();
    expect(engine.status()).toMatchObject({ version: empty.version, lastResult: 'applied' });
    await pointDataAtFile(h.dir);
    await eventually(() => expect(engine.status().latestVersion).toBe('..not-a-version'));
    expect(engine.status()).toMatchObject({
      version: empty.version,
      latestRefused: true,
      lastResult: 'rejected',
    });
    expect(engine.status().errors.join('\n')).toContain('not a version directory');
  });

  // Was a defect (fixed) (same cause, the other way): after `..data` pointed at a file (nothing applied), an
  // empty ConfigMap version is "the same content" as the problem snapshot, so it is never
  // applied: every flag keeps its old ConfigMap value instead of falling back to its default.
  it('an empty version after a ..data problem is applied (flags fall back to defaults)', async () => {
    await writeConfigMapVolume(h.dir, { greeting: 'from-configmap' });
    const { set, flags } = declareFlags();
    const { engine } = h.engine(set, { resyncInterval: 30 });
    await engine.start();
    expect(flags.greeting.get()).toBe('from-configmap');
    await pointDataAtFile(h.dir);
    await eventually(() => expect(engine.status().lastResult).toBe('rejected'));
    // The writer refuses a volume whose ..data names a file, so relink by hand (atomically, as
    // kubelet does) to a new, empty version directory: the ConfigMap now holds no keys.
    await mkdir(join(h.dir, '..2026_01_01_00_00_00.000000001'));
    await symlink('..2026_01_01_00_00_00.000000001', join(h.dir, '..data_tmp'));
    await rename(join(h.dir, '..data_tmp'), join(h.dir, '..data'));
    await eventually(() =>
      expect(engine.status().latestVersion).toBe('..2026_01_01_00_00_00.000000001'),
    );
    await eventually(() => expect(flags.greeting.get()).toBe('hello'), { timeout: 1000 });
    expect(engine.status()).toMatchObject({
      version: '..2026_01_01_00_00_00.000000001',
      latestRefused: false,
    });
  });
});
