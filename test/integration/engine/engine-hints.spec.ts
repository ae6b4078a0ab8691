import fs from 'node:fs';
import { mkdir, rename, symlink, writeFile } from 'node:fs/promises';
import { syncBuiltinESMExports } from 'node:module';
import { join } from 'node:path';
import { watchMountDirectory } from '../../../lib/configmap/volume-watcher.js';
import { writeConfigMapVolume } from '../../../lib/testing/index.js';
import { eventually } from '../../utils/eventually.js';
import { declareFlags, Harness } from './engine-fixture.js';

/**
 * countDataReads counts the engine's synchronous `readlink` of `..data` (each check begins with
 * one), by wrapping `fs.readlinkSync` and re-syncing the builtin's ESM exports.
 */
function countDataReads(dataPath: string): { count: () => number; restore: () => void } {
  let count = 0;
  const original = fs.readlinkSync;
  (fs as { readlinkSync: unknown }).readlinkSync = (...args: Parameters<typeof original>) => {
    if (args[0] === dataPath) count++;
    return original(...args);
  };
  syncBuiltinESMExports();
  return {
    count: () => count,
    restore: () => {
      (fs as { readlinkSync: unknown }).readlinkSync = original;
      syncBuiltinESMExports();
    },
  };
}

describe("the engine's hints in kubelet's layout", () => {
  const h = new Harness();
  beforeEach(() => h.setup());
  afterEach(() => h.teardown());

  it('staging a version (its directory, then ..data_tmp) makes no check; the rename over ..data does', async () => {
    await writeConfigMapVolume(h.dir, { greeting: 'hi', rate: '20' });
    const { set, flags } = declareFlags();
    const seen: string[] = [];
    const { engine } = h.engine(
      set,
      { resyncInterval: 0 },
      {
        watch: (dir, polling) => {
          const watcher = watchMountDirectory(dir, polling);
          watcher.on('raw', (_event, name) => seen.push(String(name)));
          return watcher;
        },
      },
    );
    await engine.start();
    const reads = countDataReads(join(h.dir, '..data'));
    try {
      // kubelet's steps, one at a time: the version directory, its file, the staged symlink.
      const version = '..2026_12_02_08_00_00.000000001';
      await mkdir(join(h.dir, version));
      await writeFile(join(h.dir, version, 'greeting'), 'hi');
      await writeFile(join(h.dir, version, 'rate'), '21');
      await symlink(version, join(h.dir, '..data_tmp'));
      await eventually(() => expect(seen).toContain('..data_tmp'));
      expect(seen).toContain(version);
      expect(reads.count()).toBe(0);
      expect(flags.rate.get()).toBe(20);

      await rename(join(h.dir, '..data_tmp'), join(h.dir, '..data'));
      await eventually(() => expect(flags.rate.get()).toBe(21));
      expect(reads.count()).toBeGreaterThan(0);
    } finally {
      reads.restore();
    }
  });
});
