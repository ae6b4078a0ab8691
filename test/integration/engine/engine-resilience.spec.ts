import { rename, rm, symlink, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FSWatcher } from 'chokidar';
import { watchMountDirectory } from '../../../lib/configmap/volume-watcher.js';
import { relinkDataNonAtomically, writeConfigMapVolume } from '../../../lib/testing/index.js';
import { eventually } from '../../utils/eventually.js';
import { openDescriptors, settle, trackResources } from '../../utils/resource-tracker.js';
import { changedNames, declareFlags, Harness } from './engine-fixture.js';

describe('ConfigMapEngine: optional volumes, vanishing directories, lost events', () => {
  const h = new Harness();
  beforeEach(() => h.setup());
  afterEach(() => h.teardown());

  it('optional: starts on fallbacks without the directory and picks it up when it appears', async () => {
    const path = join(h.dir, 'vol');
    const { set, flags } = declareFlags();
    const { engine, reports } = h.engine(set, { path, optional: true, resyncInterval: 50 });
    const report = await engine.initialize();
    expect(report.result).toBe('applied');
    await engine.start();
    expect(engine.status()).toMatchObject({
      directoryMissing: true,
      layout: 'missing',
      watchMode: 'periodic',
    });
    expect(flags.greeting.get()).toBe('hello');

    await writeConfigMapVolume(path, { greeting: 'arrived' });
    await eventually(() => expect(flags.greeting.get()).toBe('arrived'));
    expect(engine.status()).toMatchObject({
      directoryMissing: false,
      layout: 'kubelet',
      watchMode: 'events',
    });
    // Now watched by events: a swap is seen (the periodic check would too, but the watcher is back).
    await writeConfigMapVolume(path, { greeting: 'again' });
    await eventually(() => expect(flags.greeting.get()).toBe('again'));
    expect(changedNames(reports)).toEqual([['greeting'], ['greeting']]);
  });

  it('optional and empty (an optional ConfigMap that does not exist): empty version, fallbacks', async () => {
    await writeConfigMapVolume(h.dir, {});
    const { set, flags } = declareFlags();
    const { engine } = h.engine(set);
    await engine.initialize();
    expect(engine.status().layout).toBe('kubelet');
    expect(flags.rate.get()).toBe(10);
  });

  it('the directory deleted and re-created: last values kept meanwhile, then the new content', async () => {
    const path = join(h.dir, 'vol');
    await writeConfigMapVolume(path, { greeting: 'one', rate: '1' });
    const { set, flags } = declareFlags();
    const { engine, reports, logger } = h.engine(set, { path, resyncInterval: 50 });
    await engine.start();
    await rm(path, { recursive: true });
    await eventually(() => expect(engine.status().directoryMissing).toBe(true));
    expect([flags.greeting.get(), flags.rate.get()]).toEqual(['one', 1]);
    expect(logger.lines).toContain(
      `warn The ConfigMap directory ${path} disappeared; keeping the last values until it returns`,
    );
    expect(reports).toEqual([]);

    await writeConfigMapVolume(path, { greeting: 'two', rate: '1' });
    await eventually(() => expect(flags.greeting.get()).toBe('two'));
    expect(changedNames(reports)).toEqual([['greeting']]);
    expect(engine.status()).toMatchObject({ directoryMissing: false, watchMode: 'events' });
  });

  it('..data removed and re-created non-atomically (ln -sfn): no keys lost', async () => {
    const first = await writeConfigMapVolume(h.dir, { greeting: 'kept', rate: '5' });
    const { set, flags } = declareFlags();
    const { engine, reports } = h.engine(set);
    await engine.start();
    await unlink(join(h.dir, '..data'));
    // While ..data is missing the directory must not be read as a plain one (which would drop every key).
    await expect(engine.reload()).rejects.toThrow(
      `${h.dir}/..data is missing but keys still link into it (or it had kubelet's layout)`,
    );
    expect([flags.greeting.get(), flags.rate.get()]).toEqual(['kept', 5]);
    await symlink(first.version!, join(h.dir, '..data'));
    await relinkDataNonAtomically(h.dir);
    const next = await writeConfigMapVolume(h.dir, { greeting: 'next', rate: '5' });
    await eventually(() => expect(engine.status().version).toBe(next.version));
    expect(changedNames(reports)).toEqual([['greeting']]);
    expect(flags.rate.get()).toBe(5);
  });

  it('an injected watcher error: reported in status, and the periodic check still delivers', async () => {
    await writeConfigMapVolume(h.dir, { rate: '1' });
    const { set, flags } = declareFlags();
    let real: FSWatcher | undefined;
    const { engine, logger } = h.engine(
      set,
      { resyncInterval: 50 },
      {
        watch: (dir, polling) => (real = watchMountDirectory(dir, polling)),
      },
    );
    await engine.start();
    // The real watcher reports an error (as on inotify overflow) and its events stop.
    real!.emit('error', new Error('ENOSPC: System limit for number of file watchers reached'));
    await real!.close();
    expect(engine.status()).toMatchObject({
      watchMode: 'periodic',
      watcherError: 'ENOSPC: System limit for number of file watchers reached',
    });
    expect(logger.lines.some((l) => l.startsWith(`warn Watching ${h.dir} failed (ENOSPC`))).toBe(
      true,
    );
    await writeConfigMapVolume(h.dir, { rate: '2' });
    await eventually(() => expect(flags.rate.get()).toBe(2));
  });

  it('lost events (no watcher events at all): the periodic check delivers', async () => {
    await writeConfigMapVolume(h.dir, { rate: '1' });
    const { set, flags } = declareFlags();
    const { engine } = h.engine(
      set,
      { resyncInterval: 50 },
      {
        watch: (dir, polling) => {
          const w = watchMountDirectory(dir, polling);
          void w.close(); // a dead watcher: never fires
          queueMicrotask(() => w.emit('ready'));
          return w;
        },
      },
    );
    await engine.start();
    await writeConfigMapVolume(h.dir, { rate: '2' });
    await eventually(() => expect(flags.rate.get()).toBe(2));
  });

  it('a value whose real path leaves the volume is refused (an error naming flag and file); subdirectories are skipped', async () => {
    const outside = join(h.dir, 'outside');
    await writeFile(outside, '99');
    const vol = join(h.dir, 'vol');
    const written = await writeConfigMapVolume(vol, { greeting: 'x', 'nested/inner': 'y' });
    await symlink(outside, join(vol, written.version!, 'rate'));
    const { set, flags } = declareFlags();
    const { engine } = h.engine(set, { path: vol, startOnInvalid: true });
    await engine.initialize();
    expect(flags.rate.get()).toBe(10);
    expect(engine.status().warnings).toEqual([
      `Skipped ${vol}/nested: a subdirectory is not a flag value (only regular files are read)`,
    ]);
    // A declared flag's key that cannot be read is refused: it keeps its value.
    expect(engine.status().errors).toEqual([
      `Flag "rate": ${vol}/rate: its real path leaves the volume (a symlink to elsewhere is never read in a ConfigMap volume); keeping its last value`,
    ]);
  });

  it('a value over 1 MiB is an error and keeps the last value', async () => {
    await writeConfigMapVolume(h.dir, { greeting: 'small' });
    const { set, flags } = declareFlags();
    const { engine, reports } = h.engine(set);
    await engine.start();
    await writeConfigMapVolume(h.dir, { greeting: 'x'.repeat(1024 * 1024 + 1) });
    await eventually(() => expect(reports).toHaveLength(1));
    expect(reports[0]!.errors).toEqual([
      `Flag "greeting": ${h.dir}/greeting is over 1048576 bytes: a ConfigMap value cannot exceed 1048576 bytes (1 MiB); keeping its last value`,
    ]);
    expect(flags.greeting.get()).toBe('small');
  });

  it('stop() twice is fine, and after it no watcher, timer or descriptor remains', async () => {
    await writeConfigMapVolume(h.dir, { rate: '1' });
    const { set } = declareFlags();
    let watcher: FSWatcher | undefined;
    const descriptors = await openDescriptors();
    const tracker = trackResources();
    try {
      const { engine } = h.engine(
        set,
        { resyncInterval: 1000 },
        {
          watch: (dir, polling) => (watcher = watchMountDirectory(dir, polling)),
        },
      );
      await engine.start();
      expect(tracker.live()).toContain('FSEVENTWRAP'); // the engine did hold a watcher ...
      expect(tracker.live()).toContain('Timeout'); // ... and its periodic timer
      await engine.stop();
      await engine.stop();
      expect(engine.status().watchMode).toBe('stopped');
      expect(watcher!.closed).toBe(true);
      await settle(() => expect(tracker.where()).toEqual([]), 200);
      await settle(async () => expect(await openDescriptors()).toEqual(descriptors));
      // A write after stop is not picked up.
      await writeConfigMapVolume(h.dir, { rate: '2' });
      expect(set.find('rate')!.get()).toBe(1);
    } finally {
      tracker.stop();
    }
  });
});

describe('ConfigMapEngine on a plain directory (local development)', () => {
  const h = new Harness();
  beforeEach(() => h.setup());
  afterEach(() => h.teardown());

  it('in-place edit, editor-style temp file and rename, truncate-then-write: no lasting error', async () => {
    await writeFile(join(h.dir, 'rate'), '1\n');
    await writeFile(join(h.dir, 'greeting'), 'hi\n');
    const { set, flags } = declareFlags();
    const { engine, reports } = h.engine(set, { settleDelay: 50 });
    await engine.start();
    expect(engine.status().layout).toBe('plain');

    await writeFile(join(h.dir, 'rate'), '2\n');
    await eventually(() => expect(flags.rate.get()).toBe(2));

    await writeFile(join(h.dir, '.greeting.swp'), 'yo\n');
    await rename(join(h.dir, '.greeting.swp'), join(h.dir, 'greeting'));
    await eventually(() => expect(flags.greeting.get()).toBe('yo'));

    // `echo 3 > rate`: truncate (an empty, invalid int for a moment), then write.
    const { open } = await import('node:fs/promises');
    const fh = await open(join(h.dir, 'rate'), 'w');
    await fh.write('3');
    await fh.close();
    await eventually(() => expect(flags.rate.get()).toBe(3));
    expect(reports.every((r) => r.errors.length === 0)).toBe(true);
    expect(engine.status().errors).toEqual([]);
  });

  it('a removed file falls back; symlinked files are followed', async () => {
    const elsewhere = join(h.dir, '..', `${h.dir.split('/').pop()}-src`);
    await writeFile(elsewhere, 'linked');
    await symlink(elsewhere, join(h.dir, 'greeting'));
    await writeFile(join(h.dir, 'rate'), '4');
    const { set, flags } = declareFlags();
    const { engine } = h.engine(set);
    await engine.start();
    expect(flags.greeting.get()).toBe('linked');
    await rm(join(h.dir, 'rate'));
    await eventually(() => expect(flags.rate.get()).toBe(10));
    await rm(elsewhere);
  });
});
