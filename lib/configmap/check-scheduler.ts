import type { ReloadTrigger } from './reload-report.interface.js';

/** How often a layout caught mid-change (`..data` briefly missing) is looked at again. */
export const TRANSIENT_RETRY_MS = 20;

/** CheckSchedulerOptions wires a {@link CheckScheduler} to its engine. */
export interface CheckSchedulerOptions {
  /** Looks at the directory once (probe, maybe read and apply): at once, or a promise of it. */
  readonly check: (trigger: ReloadTrigger) => void | Promise<void>;
  /** A check threw: nothing was applied. */
  readonly onCheckFailed: (error: unknown) => void;
  /** Milliseconds a plain directory must be quiet before it is checked. */
  readonly settleDelay: number;
  /** How many quick retries a layout caught mid-change gets before events and the periodic check carry on. */
  readonly transientRetryLimit: number;
}

/**
 * CheckScheduler is the reading policy: when to look at the directory. One
 * check runs at a time and hints arriving meanwhile fold into one more check.
 * The kubelet layout is checked at once on an event (the swap is atomic); a
 * plain directory once its burst of writes has been quiet for `settleDelay`.
 * A periodic timer catches lost events; a layout caught mid-change is retried
 * quickly for a while.
 */
export class CheckScheduler {
  private checking: Promise<void> | undefined;
  /** A check runs (set before it starts: a check may run to its end on the stack of `hint`). */
  private busy = false;
  private recheck: ReloadTrigger | undefined;
  private resyncTimer: NodeJS.Timeout | undefined;
  /** The periodic check's pace, in milliseconds. */
  private resyncEvery = 0;
  private settleTimer: NodeJS.Timeout | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private transientRetries = 0;
  /** Whether hints are acted on: from the initial load until stop. */
  enabled = false;
  private stopped = false;

  constructor(private readonly options: CheckSchedulerOptions) {}

  /** idle resolves once the running check (and the checks folded into it) ended. */
  idle(): Promise<void> {
    return this.checking ?? Promise.resolve();
  }

  /** periodic tells whether a periodic check is running. */
  get periodic(): boolean {
    return this.resyncTimer !== undefined;
  }

  /** hint runs one check at a time; hints arriving meanwhile fold into one more check. */
  hint(trigger: ReloadTrigger): void {
    if (this.stopped || !this.enabled) return;
    if (this.busy) {
      this.recheck ??= trigger;
      return;
    }
    this.busy = true;
    this.checking = this.loop(trigger).finally(() => {
      this.busy = false;
      this.checking = undefined;
    });
  }

  /** event: a watcher event; `settle` says whether to wait for the burst to be quiet (plain layout). */
  event(settle: boolean): void {
    if (this.stopped) return;
    if (!settle) {
      this.hint('watch');
      return;
    }
    if (this.settleTimer) this.settleTimer.refresh();
    else {
      this.settleTimer = setTimeout(() => {
        this.settleTimer = undefined;
        this.hint('watch');
      }, this.options.settleDelay);
      this.settleTimer.unref();
    }
  }

  /**
   * startPeriodic checks every `interval` milliseconds, unless already doing so at that pace or a
   * faster one, or `interval` is 0: a fallback pace (a failed watcher, a missing directory) is not
   * held back by a slower `resyncInterval`.
   */
  startPeriodic(interval: number): void {
    if (interval <= 0 || this.stopped) return;
    if (this.resyncTimer && this.resyncEvery <= interval) return;
    clearInterval(this.resyncTimer);
    this.resyncEvery = interval;
    this.resyncTimer = setInterval(() => this.hint('periodic'), interval);
    this.resyncTimer.unref();
  }

  /**
   * restorePeriodic goes back to `interval` (the configured `resyncInterval`; 0: none) once what
   * made a fallback pace necessary is over (the watcher healthy again, the directory back).
   */
  restorePeriodic(interval: number): void {
    if (this.stopped || (this.resyncTimer === undefined && interval <= 0)) return;
    if (this.resyncTimer && this.resyncEvery === interval) return;
    clearInterval(this.resyncTimer);
    this.resyncTimer = undefined;
    this.resyncEvery = 0;
    this.startPeriodic(interval);
  }

  /**
   * retrySoon schedules a quick check of a layout caught mid-change. Returns
   * whether this is the first retry of the episode (to log it once).
   */
  retrySoon(): boolean {
    if (this.retryTimer || this.stopped) return false;
    const first = this.transientRetries === 0;
    if (++this.transientRetries > this.options.transientRetryLimit) return first;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.hint('watch');
    }, TRANSIENT_RETRY_MS);
    this.retryTimer.unref();
    return first;
  }

  /** settled ends an episode of quick retries: a version was processed. */
  settled(): void {
    this.transientRetries = 0;
  }

  /** stop clears every timer; hints are ignored from then on (`idle()` waits for a running check). */
  stop(): void {
    this.stopped = true;
    for (const timer of [this.resyncTimer, this.settleTimer, this.retryTimer]) clearTimeout(timer);
    this.resyncTimer = this.settleTimer = this.retryTimer = undefined;
  }

  private async loop(trigger: ReloadTrigger): Promise<void> {
    let next: ReloadTrigger | undefined = trigger;
    while (next && !this.stopped) {
      this.recheck = undefined;
      try {
        await this.options.check(next);
      } catch (error) {
        this.options.onCheckFailed(error);
      }
      next = this.recheck;
    }
  }
}
