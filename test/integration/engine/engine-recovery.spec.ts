import { chmodSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { mkdir, rename, rm, symlink, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FSWatcher } from 'chokidar';
import { watchMountDirectory } from '../../../lib/configmap/volume-watcher.js';
import { writeConfigMapVolume } from '../../../lib/testing/index.js';
import { eventually } from '../../utils/eventually.js';
import { declareFlags, Harness } from './engine-fixture.js';

/** writeVolumeSync lays out one kubelet version with synchronous calls: no event is handled meanwhile. */
function writeVolumeSync(dir: string, values: Record<string, string>): void {
  mkdirSync(dir, { recursive: true });
  const version = '..2026_01_01_00_00_00.1';
  mkdirSync(join(dir, version), { mode: 0o700 });
  chmodSync(join(dir, version), 0o755);
  for (const [key, value] of Object.entries(values)) {
    writeFileSync(join(dir, version, key), value);
    symlinkSync(`..data/${key}`, join(dir, key));
  }
  symlinkSync(version, join(dir, '..data'));
}

describe('ConfigMapEngine recovers', () => {
  const h = new Harness();
  beforeEach(() => h.setup());
  afterEach(() => h.teardown());

  it('watches again a mount directory deleted and re-created between two events (no periodic check)', async () => {
    const path = join(h.dir, 'vol');
    await writeConfigMapVolume(path, { rate: '1' });
    const { set, flags } = declareFlags();
    const { engine } = h.engine(set, { path, resyncInterval: 0 });
    await engine.start();
    // Deleted and re-created within one turn of the event loop: inotify keeps the dead inode.
    rmSync(path, { recursive: true });
    writeVolumeSync(path, { rate: '2' });
    await eventually(() => expect(flags.rate.get()).toBe(2));
    // Later swaps arrive by events on the new directory.
    for (const rate of ['3', '4']) {
      await writeConfigMapVolume(path, { rate });
      await eventually(() => expect(flags.rate.get()).toBe(Number(rate)));
    }
    expect(engine.status()).toMatchObject({ watchMode: 'events', directoryMissing: false });
  });

  it('watches the directory a symlinked mount path leads to', async () => {
    const real = join(h.dir, 'real');
    const link = join(h.dir, 'link');
    await writeConfigMapVolume(real, { rate: '1' });
    await symlink(real, link);
    const { set, flags } = declareFlags();
    const { engine } = h.engine(set, { path: link, resyncInterval: 0 });
    await engine.start();
    await writeConfigMapVolume(real, { rate: '2' });
    await eventually(() => expect(flags.rate.get()).toBe(2));
  });

  it('follows a symlinked mount path re-pointed at another volume, without a periodic check', async () => {
    const first = join(h.dir, 'first');
    const second = join(h.dir, 'second');
    const link = join(h.dir, 'link');
    await writeConfigMapVolume(first, { rate: '1' });
    await symlink(first, link);
    const { set, flags } = declareFlags();
    const { engine } = h.engine(set, { path: link, resyncInterval: 0 });
    await engine.start();
    const moved = await writeConfigMapVolume(second, { rate: '5' });
    // Re-pointed atomically, as `ln -sfn` through a rename does: nothing changes in `first`.
    await symlink(second, `${link}.tmp`);
    await rename(`${link}.tmp`, link);
    await eventually(() => expect(flags.rate.get()).toBe(5));
    expect(engine.status()).toMatchObject({ version: moved.version, watchMode: 'events' });
    // And the new volume is the one watched now.
    await writeConfigMapVolume(second, { rate: '6' });
    await eventually(() => expect(flags.rate.get()).toBe(6));
  });

  it('counts a watcher that never becomes ready as failed: start() and reload() settle, status says periodic', async () => {
    await writeConfigMapVolume(h.dir, { rate: '1' });
    const { set, flags } = declareFlags();
    const { engine, logger } = h.engine(
      set,
      { resyncInterval: 50 },
      {
        // A closed chokidar watcher emits neither `ready` nor `error`.
        watch: (dir, polling) => {
          const watcher = watchMountDirectory(dir, polling);
          void watcher.close();
          return watcher;
        },
        watchReadyTimeout: 100,
      },
    );
    await engine.start();
    expect(engine.status().watchMode).toBe('periodic');
    expect(engine.status().watcherError).toBe('the watcher was not ready after 100 ms');
    expect(logger.lines.some((line) => line.includes('the watcher was not ready'))).toBe(true);
    await writeConfigMapVolume(h.dir, { rate: '2' });
    await expect(engine.reload()).resolves.toMatchObject({ result: 'applied' });
    expect(flags.rate.get()).toBe(2);
    await writeConfigMapVolume(h.dir, { rate: '3' });
    await eventually(() => expect(flags.rate.get()).toBe(3));
  });

  it('reopens a watcher that reported an error, and says so in status', async () => {
    await writeConfigMapVolume(h.dir, { rate: '1' });
    const { set, flags } = declareFlags();
    const opened: FSWatcher[] = [];
    const { engine } = h.engine(
      set,
      { resyncInterval: 50 },
      { watch: (dir, polling) => opened[opened.push(watchMountDirectory(dir, polling)) - 1]! },
    );
    await engine.start();
    opened[0]!.emit('error', new Error('EMFILE: too many open files'));
    expect(engine.status().watchMode).toBe('periodic');
    await eventually(() => expect(engine.status().watchMode).toBe('events'));
    expect(opened).toHaveLength(2);
    expect(opened[0]!.closed).toBe(true);
    await writeConfigMapVolume(h.dir, { rate: '2' });
    await eventually(() => expect(flags.rate.get()).toBe(2));
  });

  it('a watcher that fails alike at every reopen is warned of once, not at every reopen', async () => {
    await writeConfigMapVolume(h.dir, { rate: '1' });
    const { set } = declareFlags();
    const opened: FSWatcher[] = [];
    const failing = (dir: string, polling: boolean): FSWatcher => {
      const watcher = watchMountDirectory(dir, polling);
      // Failing once the engine listens; not once it closed the watcher (the test ended).
      setImmediate(() => {
        if (watcher.listenerCount('error') > 0)
          watcher.emit('error', new Error('EACCES: permission denied'));
      });
      return opened[opened.push(watcher) - 1]!;
    };
    const { engine, logger } = h.engine(set, { resyncInterval: 50 }, { watch: failing });
    await engine.start();
    // The fourth watcher opened, and failed too (its error comes a turn after it opens).
    await eventually(() => {
      expect(opened.length).toBeGreaterThanOrEqual(4);
      expect(engine.status()).toMatchObject({
        watchMode: 'periodic',
        watcherError: 'EACCES: permission denied',
      });
    });
    expect(logger.lines.filter((l) => l.includes('EACCES')).length).toBe(1);
  });

  it('a dangling ..data is a clear error, reported as rejected, and the last values serve', async () => {
    const written = await writeConfigMapVolume(h.dir, { rate: '1' });
    const { set, flags } = declareFlags();
    const { engine } = h.engine(set, { resyncInterval: 50 });
    await engine.start();
    await unlink(join(h.dir, '..data'));
    await symlink('..2026_01_01_00_00_00.404', join(h.dir, '..data'));
    await eventually(() =>
      expect(engine.status()).toMatchObject({
        lastResult: 'rejected',
        errors: [
          `${h.dir}/..data points to ..2026_01_01_00_00_00.404, which does not exist; keeping the last values`,
        ],
      }),
    );
    expect(flags.rate.get()).toBe(1);
    await unlink(join(h.dir, '..data'));
    await symlink(written.version!, join(h.dir, '..data'));
    await writeConfigMapVolume(h.dir, { rate: '2' });
    await eventually(() =>
      expect(engine.status()).toMatchObject({ lastResult: 'applied', errors: [] }),
    );
    expect(flags.rate.get()).toBe(2);
  });

  it('a ..data leading outside the volume is not read', async () => {
    const outside = join(h.dir, 'outside');
    await mkdir(outside);
    await writeFile(join(outside, 'rate'), '666');
    const vol = join(h.dir, 'vol');
    await writeConfigMapVolume(vol, { rate: '1' });
    const { set, flags } = declareFlags();
    const { engine } = h.engine(set, { path: vol, resyncInterval: 50 });
    await engine.start();
    await unlink(join(vol, '..data'));
    await symlink(outside, join(vol, '..data'));
    await eventually(() => expect(engine.status().lastResult).toBe('rejected'));
    expect(engine.status().errors[0]).toContain(
      `${vol}/..data points to ${outside}, outside the volume`,
    );
    expect(flags.rate.get()).toBe(1);
  });

  it('a kubelet volume replaced in place by plain files is read once that lasts (not a passing flip)', async () => {
    await writeConfigMapVolume(h.dir, { rate: '1', greeting: 'k' });
    const { set, flags } = declareFlags();
    const { engine } = h.engine(set);
    await engine.start();
    for (const name of ['..data', 'rate', 'greeting']) await rm(join(h.dir, name), { force: true });
    await rm(
      join(
        h.dir,
        (await import('node:fs')).readdirSync(h.dir).find((n) => n.startsWith('..'))!,
      ),
      {
        recursive: true,
      },
    );
    await writeFile(join(h.dir, 'rate'), '5');
    await eventually(() => expect(flags.rate.get()).toBe(5), { timeout: 6000 });
    expect(flags.greeting.get()).toBe('hello');
    expect(engine.status().layout).toBe('plain');
  });

  it('stop() while start() is opening the watcher: both settle', async () => {
    await writeConfigMapVolume(h.dir, { rate: '1' });
    const { set } = declareFlags();
    const { engine } = h.engine(set);
    await engine.initialize();
    const starting = engine.start();
    await engine.stop();
    await expect(starting).resolves.toBeUndefined();
    expect(engine.status().watchMode).toBe('stopped');
  });
});
