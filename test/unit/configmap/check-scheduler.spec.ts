import { CheckScheduler } from '../../../lib/configmap/check-scheduler.js';
import type { ReloadTrigger } from '../../../lib/configmap/reload-report.interface.js';

describe('CheckScheduler: the periodic check', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const scheduler = (checks: ReloadTrigger[]): CheckScheduler => {
    const s = new CheckScheduler({
      check: (trigger) => void checks.push(trigger),
      onCheckFailed: () => undefined,
      settleDelay: 100,
      transientRetryLimit: 1,
    });
    s.enabled = true;
    return s;
  };

  it('a fallback pace (a failed watcher, a missing directory) is not held back by a slower resyncInterval', async () => {
    const checks: ReloadTrigger[] = [];
    const s = scheduler(checks);
    s.startPeriodic(60_000); // resyncInterval
    s.startPeriodic(5_000); // the fallback
    await vi.advanceTimersByTimeAsync(5_000);
    expect(checks).toEqual(['periodic']);
    s.stop();
  });

  it('a slower pace asked for later does not slow a faster one down', async () => {
    const checks: ReloadTrigger[] = [];
    const s = scheduler(checks);
    s.startPeriodic(1_000);
    s.startPeriodic(5_000);
    await vi.advanceTimersByTimeAsync(3_000);
    expect(checks).toEqual(['periodic', 'periodic', 'periodic']);
    s.stop();
  });

  it('once the fallback is over, the configured pace comes back: slower, or none at all', async () => {
    const checks: ReloadTrigger[] = [];
    const s = scheduler(checks);
    s.startPeriodic(60_000);
    s.startPeriodic(5_000);
    s.restorePeriodic(60_000);
    await vi.advanceTimersByTimeAsync(59_000);
    expect(checks).toEqual([]);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(checks).toEqual(['periodic']);
    s.startPeriodic(5_000);
    s.restorePeriodic(0);
    expect(s.periodic).toBe(false);
    await vi.advanceTimersByTimeAsync(120_000);
    expect(checks).toEqual(['periodic']);
    s.stop();
  });
});
