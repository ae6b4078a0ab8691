import type { Metric, Registry } from 'prom-client';
import type { WatchMode } from '../configmap/configmap-status.interface.js';
import type { ConfigMapStatus } from '../configmap/configmap-status.interface.js';
import { DflagSetupError } from '../errors/dflag-setup.error.js';
import { configHashValue } from './config-hash.util.js';
import { METRIC_NAMES, RELOAD_DURATION_BUCKETS } from './dflag-metrics.constants.js';
import type { FlagSetMetricsSource } from './flag-set-metrics.source.js';
import { RELOAD_RESULTS } from './flag-set-metrics.source.js';
import type { PromClient } from './load-prom-client.util.js';
import { metricsMessages as m } from './metrics-messages.constant.js';

/** WATCH_MODES are the values of the watch mode's `mode` label, one series each. */
export const WATCH_MODES: readonly WatchMode[] = ['events', 'polling', 'periodic', 'stopped'];

const FLAGSET = 'flagset';
const bit = (yes: boolean): number => (yes ? 1 : 0);
const seconds = (date: Date | undefined): number => (date ? date.getTime() / 1000 : 0);

/** A gauge read from each registration's status at every scrape. */
interface StatusGauge {
  readonly name: keyof typeof METRIC_NAMES;
  readonly help: string;
  readonly value: (status: ConfigMapStatus) => number;
}

const STATUS_GAUGES: readonly StatusGauge[] = [
  {
    name: 'lastReloadSuccessful',
    help: m.helpLastReloadSuccessful,
    value: (s) => bit(s.lastResult === 'applied'),
  },
  {
    name: 'lastReloadSuccessTimestamp',
    help: m.helpLastReloadSuccessTimestamp,
    value: (s) => seconds(s.lastSuccessAt),
  },
  { name: 'pendingRestart', help: m.helpPendingRestart, value: (s) => s.pendingRestart.length },
  { name: 'unknownKeys', help: m.helpUnknownKeys, value: (s) => s.unknownKeys.length },
  { name: 'ready', help: m.helpReady, value: (s) => bit(s.ready) },
  {
    name: 'latestVersionRefused',
    help: m.helpLatestVersionRefused,
    value: (s) => bit(s.latestRefused),
  },
  { name: 'lastReloadErrors', help: m.helpLastReloadErrors, value: (s) => s.errors.length },
  { name: 'refusedAtStart', help: m.helpRefusedAtStart, value: (s) => s.refusedAtStart.length },
  {
    name: 'overriddenAtRuntime',
    help: m.helpOverriddenAtRuntime,
    value: (s) => s.overriddenAtRuntime.length,
  },
  { name: 'directoryMissing', help: m.helpDirectoryMissing, value: (s) => bit(s.directoryMissing) },
];

/**
 * DflagMetricsCollector holds the metrics of one registry and prefix, shared
 * by every registration registered there (one `flagset` label value each).
 * Gauges are set from each registration's status when scraped, so a scrape
 * always tells the truth; counters from the tallies each source keeps (so a
 * registration's series leave with it); the histogram is fed as versions
 * come. Its metrics are in the registry from the first registration's
 * attach to the last one's detach.
 */
export class DflagMetricsCollector {
  private readonly sources = new Map<string, FlagSetMetricsSource>();
  private readonly metrics: Metric[];
  private readonly duration;

  constructor(
    prom: PromClient,
    private readonly registry: Registry,
    private readonly prefix: string,
  ) {
    const name = (key: keyof typeof METRIC_NAMES): string => `${prefix}${METRIC_NAMES[key]}`;
    const sources = this.sources;
    const gauges = STATUS_GAUGES.map(
      (spec) =>
        new prom.Gauge({
          name: name(spec.name),
          help: spec.help,
          labelNames: [FLAGSET],
          registers: [],
          collect() {
            this.reset();
            for (const source of sources.values())
              this.set({ [FLAGSET]: source.name }, spec.value(source.status()));
          },
        }),
    );
    const hash = new prom.Gauge({
      name: name('configHash'),
      help: m.helpConfigHash,
      labelNames: [FLAGSET, 'type'],
      registers: [],
      collect() {
        this.reset();
        for (const source of sources.values()) {
          const { checksums } = source.status();
          this.set({ [FLAGSET]: source.name, type: 'dynamic' }, configHashValue(checksums.dynamic));
          this.set({ [FLAGSET]: source.name, type: 'static' }, configHashValue(checksums.static));
        }
      },
    });
    const watchMode = new prom.Gauge({
      name: name('watchMode'),
      help: m.helpWatchMode,
      labelNames: [FLAGSET, 'mode'],
      registers: [],
      collect() {
        this.reset();
        for (const source of sources.values()) {
          const current = source.status().watchMode;
          for (const mode of WATCH_MODES)
            this.set({ [FLAGSET]: source.name, mode }, bit(mode === current));
        }
      },
    });
    const info = new prom.Gauge({
      name: name('info'),
      help: m.helpInfo,
      labelNames: [FLAGSET, 'version'],
      registers: [],
      collect() {
        // Reset, so that the series of a version no longer serving is gone.
        this.reset();
        for (const source of sources.values())
          this.set({ [FLAGSET]: source.name, version: source.status().version ?? '' }, 1);
      },
    });
    const reloads = new prom.Counter({
      name: name('reloadsTotal'),
      help: m.helpReloadsTotal,
      labelNames: [FLAGSET, 'result'],
      registers: [],
      collect() {
        this.reset();
        for (const source of sources.values())
          for (const result of RELOAD_RESULTS)
            this.inc({ [FLAGSET]: source.name, result }, source.reloadCounts().get(result) ?? 0);
      },
    });
    const changes = new prom.Counter({
      name: name('flagChanges'),
      help: m.helpFlagChanges,
      labelNames: [FLAGSET, 'flag'],
      registers: [],
      collect() {
        this.reset();
        for (const source of sources.values())
          for (const [flag, count] of source.changeCounts())
            this.inc({ [FLAGSET]: source.name, flag }, count);
      },
    });
    this.duration = new prom.Histogram({
      name: name('reloadDuration'),
      help: m.helpReloadDuration,
      labelNames: [FLAGSET],
      buckets: [...RELOAD_DURATION_BUCKETS],
      registers: [],
    });
    this.metrics = [
      gauges[0]!,
      gauges[1]!,
      reloads,
      this.duration,
      hash,
      ...gauges.slice(2),
      changes,
      watchMode,
      info,
    ];
  }

  /** Whether no registration is attached (its metrics are then out of the registry). */
  get empty(): boolean {
    return this.sources.size === 0;
  }

  /**
   * attach adds a registration's series; the first one registers the
   * metrics. Refused, naming the metric, when the registration is attached
   * already or a name is taken by another metric of the registry.
   */
  attach(source: FlagSetMetricsSource): void {
    if (this.sources.has(source.name))
      throw new DflagSetupError(
        m.alreadyAttached(nameOf(this.metrics[0]!), source.name, this.prefix),
      );
    if (this.sources.size === 0) this.register();
    this.sources.set(source.name, source);
    this.duration.zero({ [FLAGSET]: source.name });
    source.onDuration((seconds) => this.duration.observe({ [FLAGSET]: source.name }, seconds));
  }

  /** detach removes a registration's series; the last one unregisters the metrics. */
  detach(source: FlagSetMetricsSource): void {
    if (this.sources.get(source.name) !== source) return;
    this.sources.delete(source.name);
    this.duration.remove({ [FLAGSET]: source.name });
    if (this.sources.size === 0)
      for (const metric of this.metrics) this.registry.removeSingleMetric(nameOf(metric));
  }

  private register(): void {
    for (const metric of this.metrics) {
      if (this.registry.getSingleMetric(nameOf(metric)) !== undefined)
        throw new DflagSetupError(m.nameTaken(nameOf(metric), this.prefix));
    }
    for (const metric of this.metrics) this.registry.registerMetric(metric);
  }
}

const nameOf = (metric: Metric): string => (metric as unknown as { name: string }).name;
