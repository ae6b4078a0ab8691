import { assessHealth } from '../../lib/health/assess-health.util.js';
import { writeConfigMapVolume } from '../../lib/testing/index.js';
import { declareFlags, Harness } from '../integration/engine/engine-fixture.js';
import { eventually } from '../utils/eventually.js';
import { settle, trackResources } from '../utils/resource-tracker.js';
import { deafWatchers, errnoError, failingWatchers } from './fault-watchers.js';

/**
 * Watcher faults, injected through the engine's watcher seam around the
 * real chokidar: exhausting the machine's inotify limits for real would
 * disturb every other process on a shared CI host.
 */
describe('faults: the watcher errors or dies', () => {
  const h = new Harness();
  beforeEach(() => h.setup());
  afterEach(() => h.teardown());

  it('ENOSPC during the first scan: start() succeeds, status and health say why, values follow, events return', async () => {
    await writeConfigMapVolume(h.dir, { rate: '1' });
    const { set, flags } = declareFlags();
    let limitReached = true;
    const faults = failingWatchers(() => (limitReached ? 'ENOSPC' : undefined));
    const { engine, reports, logger } = h.engine(set, { resyncInterval: 50 }, faults);
    await engine.start();

    const status = engine.status();
    expect(status).toMatchObject({ watchMode: 'periodic', lastResult: 'applied' });
    expect(status.watcherError).toContain('ENOSPC');
    const health = assessHealth(status);
    expect(health.state).toBe('degraded');
    expect(health.reasons.join('\n')).toContain('ENOSPC');
    expect(logger.lines.some((l) => l.startsWith(`warn Watching ${h.dir} failed (ENOSPC`))).toBe(
      true,
    );

    await writeConfigMapVolume(h.dir, { rate: '2' });
    await eventually(() => expect(flags.rate.get()).toBe(2));
    expect(reports.at(-1)?.trigger).toBe('periodic');

    limitReached = false;
    await eventually(() => expect(engine.status().watchMode).toBe('events'));
    expect(assessHealth(engine.status()).state).toBe('up');
    // Every watcher but the one in use was closed.
    expect(faults.opened.slice(0, -1).every((w) => w.closed)).toBe(true);
    await writeConfigMapVolume(h.dir, { rate: '3' });
    await eventually(() => expect(flags.rate.get()).toBe(3));
  });

  it('EMFILE on every reopen: retried at the pace of the periodic check, one watcher open, values converge', async () => {
    await writeConfigMapVolume(h.dir, { rate: '0' });
    const { set, flags } = declareFlags();
    const faults = failingWatchers(() => 'EMFILE');
    const tracker = trackResources();
    try {
      const { engine } = h.engine(set, { resyncInterval: 50 }, faults);
      const began = Date.now();
      await engine.start();
      for (let rate = 1; rate <= 5; rate++) {
        await writeConfigMapVolume(h.dir, { rate: String(rate), greeting: `g${rate}` });
        await eventually(() => expect(flags.rate.get()).toBe(rate));
        expect(engine.status()).toMatchObject({ watchMode: 'periodic', lastResult: 'applied' });
        expect(engine.status().watcherError).toContain('EMFILE');
        expect(assessHealth(engine.status()).state).toBe('degraded');
      }
      await eventually(() => expect(faults.opened.length).toBeGreaterThanOrEqual(3));
      const elapsed = Date.now() - began;
      // Not a loop: at most one attempt per periodic check (plus the first).
      expect(faults.opened.length).toBeLessThanOrEqual(Math.ceil(elapsed / 50) + 2);
      // Each failed watcher is closed before the next one opens: no handle piles up.
      expect(faults.opened.slice(0, -1).every((w) => w.closed)).toBe(true);
      await settle(
        () =>
          expect(tracker.live().filter((t) => t === 'FSEVENTWRAP').length).toBeLessThanOrEqual(1),
        1000,
      );
      await engine.stop();
      await settle(() => expect(tracker.live().filter((t) => t !== 'Timeout')).toEqual([]), 1000);
    } finally {
      tracker.stop();
    }
  });

  it('a watcher that dies silently mid-run: periodic checks deliver every later version, exact and in order', async () => {
    await writeConfigMapVolume(h.dir, { rate: '1', greeting: 'one' });
    const { set, flags } = declareFlags();
    let dead = false;
    const { engine, reports } = h.engine(
      set,
      { resyncInterval: 40 },
      deafWatchers(() => dead),
    );
    await engine.start();
    await writeConfigMapVolume(h.dir, { rate: '2', greeting: 'one' });
    await eventually(() => expect(flags.rate.get()).toBe(2));
    expect(reports.at(-1)?.trigger).toBe('watch');

    dead = true;
    const before = reports.length;
    // Keys added and removed, an fsGroup walk, an identical-content swap, a burst.
    await writeConfigMapVolume(h.dir, { rate: '3', policy: '{"allow":false}' });
    await eventually(() => expect(flags.rate.get()).toBe(3));
    expect(flags.greeting.get()).toBe('hello');
    await writeConfigMapVolume(h.dir, { rate: '4', greeting: 'back' }, { fsGroup: true });
    await eventually(() => expect(flags.greeting.get()).toBe('back'));
    await writeConfigMapVolume(h.dir, { rate: '4', greeting: 'back' }, { forceSwap: true });
    for (let rate = 5; rate <= 12; rate++) {
      await writeConfigMapVolume(h.dir, { rate: String(rate), greeting: 'back' });
    }
    await eventually(() => expect(flags.rate.get()).toBe(12));
    expect([flags.greeting.get(), flags.policy.get()]).toEqual(['back', { allow: true }]);

    const later = reports.slice(before);
    expect(later.every((r) => r.trigger === 'periodic')).toBe(true);
    expect(later.every((r) => r.changes.length > 0)).toBe(true);
    expect(later.map((r) => r.generation)).toEqual(
      later.map((_, i) => (reports[before - 1]?.generation ?? 0) + i + 1),
    );
    expect(engine.status()).toMatchObject({ lastResult: 'applied', errors: [] });
  });

  it('a watcher error right before stop(): stop completes and leaves no watcher or fallback timer', async () => {
    await writeConfigMapVolume(h.dir, { rate: '1' });
    const { set } = declareFlags();
    const faults = failingWatchers(() => undefined);
    const tracker = trackResources();
    try {
      // No periodic check configured: the error starts a fallback one, which stop() must end.
      const { engine } = h.engine(set, { resyncInterval: 0 }, faults);
      await engine.start();
      faults.opened[0]!.emit('error', errnoError('ENOSPC', h.dir));
      expect(engine.status().watchMode).toBe('periodic');
      await engine.stop();
      expect(engine.status().watchMode).toBe('stopped');
      expect(faults.opened.every((w) => w.closed)).toBe(true);
      await settle(() => expect(tracker.where()).toEqual([]), 1000);
    } finally {
      tracker.stop();
    }
  });
});
