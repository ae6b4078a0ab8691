import { execFile } from 'node:child_process';
import { mkdir, rename, rm, symlink, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { writeConfigMapVolume } from '../../../lib/testing/index.js';
import { eventually } from '../../utils/eventually.js';
import { changedNames, declareFlags, Harness } from './engine-fixture.js';

const run = promisify(execFile);

/**
 * removeAtOnce deletes a volume the way nothing of it is seen on the way (a move, then the
 * deletion elsewhere): the engine finds the directory missing, never kubelet's layout half gone,
 * whose quick retries would find its return too.
 */
/** replaced is the warning that a kubelet layout is read as a plain directory from now on. */
const replaced = (path: string): string =>
  `warn ${path} has held no kubelet layout for over 2 s: it is read as a plain directory from now on, its files a version like any other (a key without a file there is a key removed)`;

async function removeAtOnce(path: string): Promise<void> {
  await rename(path, `${path}.gone`);
  await rm(`${path}.gone`, { recursive: true });
}

/**
 * A mount directory that goes away and comes back, and kubelet's first write into a directory
 * read as plain so far: found by events (never by waiting for a periodic check or a plain
 * directory's settle delay), and never read as an emptied volume on the way.
 */
describe('ConfigMapEngine: a mount directory that returns, and kubelet writing into an empty one', () => {
  const h = new Harness();
  beforeEach(() => h.setup());
  afterEach(() => h.teardown());

  it('a deleted mount directory re-created and written is picked up by an event, not the periodic check', async () => {
    const path = join(h.dir, 'vol');
    await writeConfigMapVolume(path, { rate: '1' });
    const { set, flags } = declareFlags();
    // No periodic check configured: while the directory is missing, the fallback runs every 5 s.
    const { engine, reports } = h.engine(set, { path, resyncInterval: 0 });
    await engine.start();
    await removeAtOnce(path);
    await eventually(() => expect(engine.status().directoryMissing).toBe(true));

    await writeConfigMapVolume(path, { rate: '2' });
    await eventually(() => expect(flags.rate.get()).toBe(2), { timeout: 10_000 });
    expect(reports.map((r) => r.trigger)).toEqual(['watch']);
    expect(engine.status()).toMatchObject({ directoryMissing: false, watchMode: 'events' });
  });

  it('a symlinked mount whose target directory is deleted and re-created is picked up by an event', async () => {
    const target = join(h.dir, 'target');
    const link = join(h.dir, 'link');
    await writeConfigMapVolume(target, { rate: '1' });
    await symlink(target, link);
    const { set, flags } = declareFlags();
    const { engine, reports } = h.engine(set, { path: link, resyncInterval: 0 });
    await engine.start();
    await removeAtOnce(target);
    await eventually(() => expect(engine.status().directoryMissing).toBe(true));

    await writeConfigMapVolume(target, { rate: '2' });
    await eventually(() => expect(flags.rate.get()).toBe(2), { timeout: 10_000 });
    expect(reports.map((r) => r.trigger)).toEqual(['watch']);
    expect(engine.status()).toMatchObject({ directoryMissing: false, watchMode: 'events' });
  });

  it('a symlinked mount re-pointed, while missing, at a directory yet to come is picked up by an event', async () => {
    const first = join(h.dir, 'first');
    const second = join(h.dir, 'second');
    const link = join(h.dir, 'link');
    await writeConfigMapVolume(first, { rate: '1' });
    await symlink(first, link);
    const { set, flags } = declareFlags();
    const { engine, reports } = h.engine(set, { path: link, resyncInterval: 0 });
    await engine.start();
    await removeAtOnce(first);
    await eventually(() => expect(engine.status().directoryMissing).toBe(true));
    // Re-pointed atomically at `second`, which does not exist yet.
    await symlink(second, `${link}.tmp`);
    await rename(`${link}.tmp`, link);

    await writeConfigMapVolume(second, { rate: '2' });
    await eventually(() => expect(flags.rate.get()).toBe(2), { timeout: 10_000 });
    expect(reports.map((r) => r.trigger)).toEqual(['watch']);
  });

  it('a deleted kubelet volume re-created empty is not read as an emptied volume before kubelet writes it', async () => {
    const path = join(h.dir, 'vol');
    await writeConfigMapVolume(path, { greeting: 'one', rate: '1' });
    const { set, flags } = declareFlags();
    const { engine, reports, logger } = h.engine(set, { path, resyncInterval: 50 });
    await engine.start();
    await removeAtOnce(path);
    await eventually(() => expect(engine.status().directoryMissing).toBe(true));
    const transient = `warn ${path}/..data is missing but keys still link into it (or it had kubelet's layout): a relink or deletion in progress? Keeping the last values`;
    expect(logger.lines).not.toContain(transient);

    await mkdir(path);
    // Seen (read as an emptied volume, or taken for a change in progress, as it must be).
    await eventually(() =>
      expect(reports.length > 0 || logger.lines.includes(transient)).toBe(true),
    );
    expect([flags.greeting.get(), flags.rate.get()]).toEqual(['one', 1]);
    expect(reports).toEqual([]);
    // There again, with the last version's values serving: the status says so, not "missing".
    expect(engine.status()).toMatchObject({ directoryMissing: false, layout: 'kubelet' });

    // Gone again before kubelet wrote it: missing again, and its return still found by an event.
    await rm(path, { recursive: true });
    await eventually(() => expect(engine.status().directoryMissing).toBe(true));
    await writeConfigMapVolume(path, { greeting: 'two', rate: '1' });
    await eventually(() => expect(flags.greeting.get()).toBe('two'));
    expect(changedNames(reports)).toEqual([['greeting']]);
  });

  it('a kubelet volume re-created empty and left so is read as emptied after 2 s, and the log says so', async () => {
    const path = join(h.dir, 'vol');
    await writeConfigMapVolume(path, { greeting: 'one', rate: '1' });
    const { set, flags } = declareFlags();
    const { engine, logger } = h.engine(set, { path, resyncInterval: 50 });
    await engine.start();
    await removeAtOnce(path);
    await mkdir(path);
    await eventually(() => expect(flags.greeting.get()).toBe('hello'), { timeout: 10_000 });
    expect(flags.rate.get()).toBe(10);
    expect(engine.status()).toMatchObject({ layout: 'plain', directoryMissing: false });
    expect(logger.lines.filter((line) => line === replaced(path))).toHaveLength(1);
  });

  it('kubelet layout replaced by plain files of the same bytes is logged once, as is one read by reload()', async () => {
    await writeConfigMapVolume(h.dir, { greeting: 'one', rate: '1' });
    const { set, flags } = declareFlags();
    const { engine, logger } = h.engine(set, { resyncInterval: 50 });
    await engine.start();
    // The same keys and bytes, as plain files: a swap with identical content, in another layout.
    const plain = join(h.dir, '..plain');
    await mkdir(plain);
    await writeFile(join(plain, 'greeting'), 'one');
    await writeFile(join(plain, 'rate'), '1');
    await rm(join(h.dir, '..data'));
    for (const key of ['greeting', 'rate']) {
      await rm(join(h.dir, key));
      await rename(join(plain, key), join(h.dir, key));
    }
    await eventually(() => expect(engine.status().layout).toBe('plain'), { timeout: 10_000 });
    const count = (): number => logger.lines.filter((line) => line === replaced(h.dir)).length;
    expect(count()).toBe(1);
    await writeFile(join(h.dir, 'rate'), '2');
    await eventually(() => expect(flags.rate.get()).toBe(2), { timeout: 10_000 });
    expect(count()).toBe(1);

    // reload() of a kubelet volume emptied for over 2 s says so too.
    const other = join(h.dir, 'other');
    await writeConfigMapVolume(other, { greeting: 'two' });
    const second = h.engine(declareFlags().set, { path: other, resyncInterval: 0 });
    await second.engine.initialize();
    await removeAtOnce(other);
    await mkdir(other);
    await eventually(
      async () => {
        await second.engine.reload();
        expect(second.logger.lines).toContain(replaced(other));
      },
      { timeout: 10_000, interval: 200 },
    );
  });

  it('an optional mount whose parent is missing too waits idle, and its arrival is read by the periodic check', async () => {
    // Nothing can be watched for its return (its parent is gone too): a check that asked for
    // another at once would check in a loop and hold the event loop for good, so the engine runs
    // in a process of its own, killed at a deadline.
    const fixture = join(import.meta.dirname, '../../fixtures/optional-under-missing-parent.mjs');
    const { stdout } = await run(process.execPath, [fixture, h.dir], { timeout: 18_000 }).catch(
      (error: { killed?: boolean }) => {
        throw new Error(
          error.killed
            ? 'the engine held the event loop (a loop of checks?): killed after 18 s'
            : String(error),
        );
      },
    );
    expect(JSON.parse(stdout)).toEqual({
      started: { directoryMissing: true, watchMode: 'periodic' },
      rate: 3,
      // Waiting used a small share of the event loop, and the 5 s fallback pace found it.
      busy: false,
      triggers: ['periodic'],
      after: { directoryMissing: false, watchMode: 'events' },
    });
  });

  it('usePolling: a mount directory deleted and re-created is followed (chokidar closed off its own callback)', async () => {
    const path = join(h.dir, 'vol');
    await writeConfigMapVolume(path, { rate: '1' });
    const { set, flags } = declareFlags();
    // No periodic check: the polling watcher's own callback is the one that finds it missing.
    const { engine } = h.engine(set, { path, usePolling: true, resyncInterval: 0 });
    await engine.start();
    for (const rate of ['2', '3', '4', '5']) {
      await removeAtOnce(path);
      await eventually(() => expect(engine.status().directoryMissing).toBe(true));
      await writeConfigMapVolume(path, { rate });
      await eventually(() => expect(flags.rate.get()).toBe(Number(rate)), { timeout: 15_000 });
    }
    expect(engine.status()).toMatchObject({ directoryMissing: false, watchMode: 'polling' });
  });

  it("kubelet's first write into an empty directory is applied without the plain directory's settle delay", async () => {
    const { set, flags } = declareFlags();
    // A settle delay far beyond the deadline below: only the kubelet path can meet it.
    const { engine, reports } = h.engine(set, { settleDelay: 60_000 });
    await engine.start();
    expect(engine.status().layout).toBe('plain');

    await writeConfigMapVolume(h.dir, { rate: '7' });
    await eventually(() => expect(flags.rate.get()).toBe(7), { timeout: 10_000 });
    expect(engine.status().layout).toBe('kubelet');
    expect(reports.map((r) => r.trigger)).toEqual(['watch']);
  });

  it('a version whose only change is a key refused as a whole is processed, and the refusal reported, again', async () => {
    const big = (c: string): string => c.repeat(1024 * 1024 + 1); // over the 1 MiB a key may hold
    await writeConfigMapVolume(h.dir, { greeting: big('a'), rate: '5' });
    const { set, flags } = declareFlags();
    const { engine, reports, logger } = h.engine(set, { startOnInvalid: true });
    await engine.start();
    const refusal = `Flag "greeting": ${h.dir}/greeting is over 1048576 bytes: a ConfigMap value cannot exceed 1048576 bytes (1 MiB); keeping its last value`;
    expect(engine.status().errors).toEqual([refusal]);

    const { version } = await writeConfigMapVolume(h.dir, { greeting: big('b'), rate: '5' });
    await eventually(() => expect(engine.status().latestVersion).toBe(version));
    expect(reports.map((r) => r.errors)).toEqual([[refusal]]);
    expect(logger.lines.filter((l) => l.includes('is over 1048576 bytes')).length).toBe(2);
    expect(flags.rate.get()).toBe(5);
  });

  it('..data missing for longer than a change takes: the version serving and the newest seen stay named', async () => {
    const { version } = await writeConfigMapVolume(h.dir, { greeting: 'kept', rate: '5' });
    const { set, flags } = declareFlags();
    const { engine } = h.engine(set, { resyncInterval: 50 });
    await engine.start();
    await unlink(join(h.dir, '..data'));

    await eventually(() => expect(engine.status().layoutProblem).toBeDefined(), {
      timeout: 10_000,
    });
    expect(engine.status()).toMatchObject({ version, latestVersion: version, latestRefused: true });
    expect([flags.greeting.get(), flags.rate.get()]).toEqual(['kept', 5]);
  });
});
