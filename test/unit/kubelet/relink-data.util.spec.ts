import type { FSWatcher } from 'node:fs';
import { watch } from 'node:fs';
import { readlink } from 'node:fs/promises';
import { join } from 'node:path';
import { relinkDataNonAtomically, writeConfigMapVolume } from '../../../lib/testing/index.js';
import { eventually } from '../../utils/eventually.js';
import { makeTempDir, removeTempDir } from '../../utils/temp-dir.js';

describe('relinkDataNonAtomically', () => {
  let dir: string;
  let watcher: FSWatcher | undefined;

  beforeEach(async () => {
    dir = await makeTempDir();
  });

  afterEach(async () => {
    watcher?.close();
    await removeTempDir(dir);
  });

  it('re-creates ..data with its current target by unlinking it first', async () => {
    const { version } = await writeConfigMapVolume(dir, { a: '1' });
    const events: string[] = [];
    watcher = watch(dir, (type, filename) => events.push(`${type} ${String(filename)}`));

    expect(await relinkDataNonAtomically(dir)).toBe(version);

    expect(await readlink(join(dir, '..data'))).toBe(version);
    // unlink (IN_DELETE), then symlink (IN_CREATE): never a rename of ..data_tmp.
    await eventually(() => expect(events).toEqual(['rename ..data', 'rename ..data']));
  });

  it('points ..data at another target', async () => {
    const first = await writeConfigMapVolume(dir, { a: '1' });
    const orphan = await writeConfigMapVolume(dir, { a: '2' }, { failBeforeSwap: true });

    await relinkDataNonAtomically(dir, orphan.orphan);

    expect(await readlink(join(dir, '..data'))).toBe(orphan.orphan);
    expect(first.version).not.toBe(orphan.orphan);
  });
});
