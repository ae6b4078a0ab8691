import type { ConfigMapStatus } from '../configmap/configmap-status.interface.js';
import type { ReloadReport, ReloadResult } from '../configmap/reload-report.interface.js';
import type { DflagEngine } from '../dflag-engine.interface.js';

/** RELOAD_RESULTS are the values of the `result` label, every one present from the start. */
export const RELOAD_RESULTS: readonly ReloadResult[] = ['applied', 'partial', 'rejected'];

/**
 * FlagSetMetricsSource is what the metrics know of one DflagModule
 * registration (the `flagset` label): its engine's status, read at every
 * scrape, and what no status holds, counted from its reports and batches —
 * versions processed by result (the initial load included), each flag's
 * changes from any source, and each version's duration (handed on to the
 * histogram as it comes).
 */
export class FlagSetMetricsSource {
  private readonly reloads = new Map<ReloadResult, number>(RELOAD_RESULTS.map((r) => [r, 0]));
  private readonly changes = new Map<string, number>();
  private readonly unsubscribe: Array<() => void>;
  private durationListener: ((seconds: number) => void) | undefined;
  private readonly initialSeconds: number;

  /**
   * @param name the registration's name (the `flagset` label)
   * @param engine the registration's engine, initialized
   * @param initial the report of its initial load (counted like any version)
   */
  constructor(
    readonly name: string,
    private readonly engine: DflagEngine,
    initial: ReloadReport,
  ) {
    this.count(initial);
    this.initialSeconds = initial.durationMs / 1000;
    this.unsubscribe = [
      engine.onReload((report) => {
        this.count(report);
        this.durationListener?.(report.durationMs / 1000);
      }),
      engine.flagSet.onBatch((batch) => {
        for (const change of batch.changes)
          this.changes.set(change.name, (this.changes.get(change.name) ?? 0) + 1);
      }),
    ];
  }

  /** onDuration hands each version's duration (seconds) on, starting with the initial load's. */
  onDuration(listener: (seconds: number) => void): void {
    this.durationListener = listener;
    listener(this.initialSeconds);
  }

  /** status is the engine's state now. */
  status(): ConfigMapStatus {
    return this.engine.status();
  }

  /** reloadCounts are the versions processed by result, every result present. */
  reloadCounts(): ReadonlyMap<ReloadResult, number> {
    return this.reloads;
  }

  /** changeCounts are the changes of every flag declared now (0 for one that never changed). */
  changeCounts(): ReadonlyMap<string, number> {
    const counts = new Map<string, number>();
    for (const flag of this.engine.flagSet) counts.set(flag.name, this.changes.get(flag.name) ?? 0);
    return counts;
  }

  /** close stops counting. */
  close(): void {
    for (const off of this.unsubscribe) off();
    this.unsubscribe.length = 0;
    this.durationListener = undefined;
  }

  private count(report: ReloadReport): void {
    this.reloads.set(report.result, (this.reloads.get(report.result) ?? 0) + 1);
  }
}
