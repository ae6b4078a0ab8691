import { utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeConfigMapVolume } from '../../../lib/testing/index.js';
import { eventually } from '../../utils/eventually.js';
import { declareFlags, Harness } from './engine-fixture.js';

describe('ConfigMapEngine: the version shown is the one serving', () => {
  const h = new Harness();
  beforeEach(() => h.setup());
  afterEach(() => h.teardown());

  it('a rejected version, then a swap with identical content: version stays the one serving, latestVersion is the newest, refused', async () => {
    const good = await writeConfigMapVolume(h.dir, { greeting: 'a', rate: '1' });
    const { set, flags } = declareFlags();
    const { engine, reports } = h.engine(set, { onInvalid: 'reject-version' });
    await engine.start();
    const bad = await writeConfigMapVolume(h.dir, { greeting: 'b', rate: 'many' });
    await eventually(() => expect(reports).toHaveLength(1));
    expect(engine.status()).toMatchObject({
      version: good.version,
      latestVersion: bad.version,
      latestRefused: true,
    });
    // Same content again (a projected volume's other source changed): still refused.
    const again = await writeConfigMapVolume(h.dir, { greeting: 'b', rate: 'many', other: 'x' });
    await eventually(() => expect(engine.status().latestVersion).toBe(again.version));
    expect(reports).toHaveLength(2);
    const same = await writeConfigMapVolume(
      h.dir,
      { greeting: 'b', rate: 'many', other: 'x' },
      {
        forceSwap: true,
      },
    );
    await eventually(() => expect(engine.status().latestVersion).toBe(same.version));
    expect(engine.status()).toMatchObject({ version: good.version, latestRefused: true });
    expect(flags.greeting.get()).toBe('a');
    // The fix arrives: it serves, and nothing is refused.
    const fixed = await writeConfigMapVolume(h.dir, { greeting: 'c', rate: '2' });
    await eventually(() => expect(flags.greeting.get()).toBe('c'));
    expect(engine.status()).toMatchObject({
      version: fixed.version,
      latestVersion: fixed.version,
      latestRefused: false,
    });
  });

  it('a plain-directory rewrite that keeps size and mtime (cp -p, rsync -t) is seen by the periodic check', async () => {
    const file = join(h.dir, 'greeting');
    const then = new Date('2026-01-01T00:00:00Z');
    await writeFile(file, 'aaaa');
    await utimes(file, then, then);
    const { set, flags } = declareFlags();
    const { engine } = h.engine(set, { resyncInterval: 30 });
    await engine.initialize();
    // Rewritten before watching starts (so no check sees it half-written): what cp -p does,
    // same size, same mtime, same inode. Only its ctime tells.
    await writeFile(file, 'bbbb');
    await utimes(file, then, then);
    await engine.start();
    await eventually(() => expect(flags.greeting.get()).toBe('bbbb'));
  });
});
