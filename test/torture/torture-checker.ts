import type { ReloadResult } from '../../lib/configmap/reload-report.interface.js';
import type { Flag } from '../../lib/index.js';
import { REDACTED } from '../../lib/index.js';
import type { ModelState, PolicyModel } from './policy-model.js';
import { STATE_SEPARATOR } from './policy-model.js';
import { renderValue } from './render-value.js';
import type { FlagModel } from './torture-flags.js';
import type { PlannedVersion } from './version-generator.js';

/** A processed version as a report (`onReload`) or a `flag.reloaded` event describes it. */
export interface SeenReport {
  readonly generation: number;
  readonly version: string | undefined;
  readonly result: ReloadResult;
  readonly changes: ReadonlyArray<{
    readonly name: string;
    readonly previous: unknown;
    readonly current: unknown;
  }>;
}

/** TortureCounts are the figures a run prints. */
export interface TortureCounts {
  writes: number;
  noOpWrites: number;
  bursts: number;
  busyPhases: number;
  fsGroupWalks: number;
  checkpoints: number;
  reloads: number;
  skippedVersions: number;
  events: number;
  samples: number;
  listenerSamples: number;
  samplesAhead: number;
  logLines: number;
}

/** How many violation messages are kept (all are counted). */
const KEPT_VIOLATIONS = 25;
/** How many recent states stay comparable for samples that name an older generation. */
const KEPT_STATES = 8;
/** How many secret texts of recent versions are looked for in logs. */
const KEPT_SECRETS = 8;

/**
 * TortureChecker holds the model's view of a run and judges everything the
 * run observes against it:
 *
 * - each report names a version that was written, later than the one
 *   processed before it, with the next generation, the result and exactly
 *   the changes the policy model computes for that version;
 * - every change heard (a flag's `onChange`, a `flag.changed` event) is a
 *   real change, of a flag the version changes, with a non-decreasing
 *   generation, and carries no sensitive value;
 * - every state a reader samples equals the model state after some
 *   processed version (a sample may run ahead of the reports it will be
 *   explained by; one no report ever explains is a mixed or invented state);
 * - no log line quotes a secret.
 */
export class TortureChecker {
  readonly counts: TortureCounts = {
    writes: 0,
    noOpWrites: 0,
    bursts: 0,
    busyPhases: 0,
    fsGroupWalks: 0,
    checkpoints: 0,
    reloads: 0,
    skippedVersions: 0,
    events: 0,
    samples: 0,
    listenerSamples: 0,
    samplesAhead: 0,
    logLines: 0,
  };
  private readonly violationList: string[] = [];
  private violationCount = 0;

  /** Written versions not yet processed (or the last processed), by `..data` target. */
  private readonly written = new Map<string, PlannedVersion>();
  private lastIndex: number;
  private lastVersionName: string | undefined;

  private readonly states = new Map<number, ModelState>();
  /** Reports whose version's swap was not announced yet (the writer is another process). */
  private readonly queued: Array<{ report: SeenReport; liveKey: string | undefined }> = [];
  /** `..data` targets processed lately: a report naming one again went back. */
  private readonly recentNames: string[] = [];
  /** The highest generation reported (processed by the model or queued). */
  private received: number;
  /** The generation of the last version the model processed. */
  private generation: number;
  private current: ModelState;
  /** Sampled states not (yet) explained by a processed version → the lowest generation allowed. */
  private readonly pending = new Map<string, { minGeneration: number; where: string }>();
  /** Changes heard, by the generation they belong to. */
  private readonly heard = new Map<number, string[]>();
  private lastHeardGeneration = 0;

  private readonly recentSecrets: string[] = [];
  private liveCache: { values: unknown[]; key: string } | undefined;

  constructor(
    private readonly model: PolicyModel,
    private readonly flags: readonly FlagModel[],
    private readonly handles: readonly Flag<unknown>[],
    initial: PlannedVersion,
    initialName: string,
    initialGeneration = 1,
  ) {
    this.current = model.initial(initial);
    this.generation = initialGeneration;
    this.received = initialGeneration;
    this.states.set(initialGeneration, this.current);
    this.lastIndex = initial.index;
    this.lastVersionName = initialName;
    this.recentNames.push(initialName);
    this.rememberSecret(initial);
  }

  /** violations lists the kept violation messages. */
  get violations(): readonly string[] {
    return this.violationList;
  }

  /** violationTotal counts every violation, kept or not. */
  get violationTotal(): number {
    return this.violationCount;
  }

  /** latestGeneration is the generation of the last version reported. */
  get latestGeneration(): number {
    return this.received;
  }

  /** latestVersion is the `..data` target of the last processed version. */
  get latestVersion(): string | undefined {
    return this.lastVersionName;
  }

  /** expected is the model state after the last processed version. */
  get expected(): ModelState {
    return this.current;
  }

  violation(message: string): void {
    this.violationCount += 1;
    if (this.violationList.length < KEPT_VIOLATIONS) this.violationList.push(message);
  }

  /**
   * swapping is called right before the writer renames `..data_tmp` over
   * `..data`, with the version directory it is about to point to: from then
   * on a report may name it (even before the write returns).
   */
  swapping(version: PlannedVersion, name: string): void {
    this.written.set(name, version);
    this.rememberSecret(version);
    this.drain();
  }

  /** wrote is called once a write returned; `swapped` tells whether it swapped `..data`. */
  wrote(version: PlannedVersion, swapped: boolean): void {
    this.counts.writes += 1;
    if (version.fsGroup) this.counts.fsGroupWalks += 1;
    if (!swapped) this.counts.noOpWrites += 1;
  }

  /**
   * onReport judges one processed version against the model and advances
   * it. `liveKey` is what a reader saw inside the report's listener: the
   * state must be exactly the report's. A report can arrive before the
   * writer (another process) announced its swap: it then waits for it.
   */
  onReport(report: SeenReport, liveKey?: string): void {
    this.counts.reloads += 1;
    if (report.generation !== this.received + 1) {
      this.violation(
        `report generation ${report.generation} follows generation ${this.received} (a report was lost or repeated)`,
      );
    }
    this.received = Math.max(this.received, report.generation);
    if (report.version !== undefined && this.recentNames.includes(report.version)) {
      this.violation(
        `generation ${report.generation} processed version ${report.version} again, after ${this.lastVersionName} (it went back)`,
      );
      return;
    }
    this.queued.push({ report, liveKey });
    this.drain();
  }

  private drain(): void {
    for (;;) {
      const next = this.queued[0];
      const version =
        next?.report.version === undefined ? undefined : this.written.get(next.report.version);
      if (!next || !version) return;
      this.queued.shift();
      this.process(next.report, version, next.liveKey);
    }
  }

  private process(report: SeenReport, version: PlannedVersion, liveKey: string | undefined): void {
    const name = report.version as string;
    const outcome = this.model.apply(this.current, version);
    const where = `generation ${report.generation} (write #${version.index})`;
    if (version.index <= this.lastIndex) {
      this.violation(`${where}: processed after write #${this.lastIndex} (it went back)`);
    }
    if (report.result !== outcome.result) {
      this.violation(`${where}: result ${report.result}, the model says ${outcome.result}`);
    }
    const reported = report.changes.map((c) => c.name).sort();
    if (reported.join() !== [...outcome.changed].sort().join()) {
      this.violation(
        `${where}: changes [${reported.join(', ')}], the model says [${[...outcome.changed].sort().join(', ')}]`,
      );
    }
    for (const change of report.changes) this.checkChange(where, change, outcome.state);
    const heard = this.heard.get(report.generation) ?? [];
    this.heard.delete(report.generation);
    if (heard.sort().join() !== reported.join()) {
      this.violation(
        `${where}: changes heard [${heard.join(', ')}], reported [${reported.join(', ')}]`,
      );
    }
    if (liveKey !== undefined && liveKey !== outcome.state.key) {
      this.violation(
        `${where}: inside the report's listener a reader saw ${this.describe(liveKey)}, the version's state is ${this.describe(outcome.state.key)}`,
      );
    }

    this.counts.skippedVersions += Math.max(0, version.index - this.lastIndex - 1);
    this.lastIndex = Math.max(this.lastIndex, version.index);
    this.lastVersionName = name;
    this.recentNames.push(name);
    if (this.recentNames.length > KEPT_STATES) this.recentNames.shift();
    for (const [key, written] of this.written) {
      if (written.index > version.index) break;
      this.written.delete(key);
    }
    this.generation = report.generation;
    this.current = outcome.state;
    this.states.set(report.generation, outcome.state);
    for (const [key, sample] of this.pending) {
      if (key === outcome.state.key && sample.minGeneration <= report.generation) {
        this.pending.delete(key);
      }
    }
    let oldestNeeded = report.generation - KEPT_STATES;
    for (const sample of this.pending.values()) {
      oldestNeeded = Math.min(oldestNeeded, sample.minGeneration);
    }
    for (const generation of this.states.keys()) {
      if (generation >= oldestNeeded) break;
      this.states.delete(generation);
    }
  }

  /**
   * heardChange judges a change a listener received. `generation` is the
   * event's; a flag's `onChange` has none (its change belongs to the report
   * about to come). On the event bus (`onBus`) a sensitive flag's values
   * must be redacted.
   */
  heardChange(change: {
    readonly name: string;
    readonly previous: unknown;
    readonly current: unknown;
    readonly sensitive: boolean;
    readonly generation?: number;
    readonly onBus: boolean;
  }): void {
    const { name, previous, current, sensitive, onBus } = change;
    const generation = change.generation ?? this.received + 1;
    this.counts.events += 1;
    if (generation < this.lastHeardGeneration) {
      this.violation(
        `a change of ${name} with generation ${generation} after one with generation ${this.lastHeardGeneration}`,
      );
    }
    this.lastHeardGeneration = Math.max(this.lastHeardGeneration, generation);
    const byGeneration = this.heard.get(generation) ?? [];
    byGeneration.push(name);
    this.heard.set(generation, byGeneration);
    if (onBus && sensitive) {
      if (previous !== REDACTED || current !== REDACTED) {
        this.violation(`a flag.changed event of sensitive ${name} carries its values`);
      }
      return;
    }
    if (renderValue(previous) === renderValue(current)) {
      this.violation(`a change of ${name} that is no change: ${renderValue(current)}`);
    }
  }

  /**
   * sample reads every flag and judges the state: it must equal the model
   * state of a processed version of generation `minGeneration` or later
   * (by default the last reported one: a reader never sees an older state).
   */
  sample(where: string, minGeneration = this.received): void {
    this.counts.samples += 1;
    if (where !== 'between tasks') this.counts.listenerSamples += 1;
    const key = this.liveKey();
    for (let g = minGeneration; g <= this.generation; g++) {
      if (this.states.get(g)?.key === key) return;
    }
    const known = this.pending.get(key);
    if (!known) {
      // Inside a change listener a state runs ahead of its report by design, and a report
      // waiting for the writer's announcement cannot be judged yet; otherwise, between tasks,
      // it means the values changed before the report was delivered.
      if (where === 'between tasks' && this.queued.length === 0) this.counts.samplesAhead += 1;
      this.pending.set(key, { minGeneration, where });
    } else if (minGeneration < known.minGeneration) known.minGeneration = minGeneration;
  }

  /** logged judges a line the library logged: it never quotes a secret. */
  logged(line: string): void {
    this.counts.logLines += 1;
    for (const secret of this.recentSecrets) {
      if (line.includes(secret)) {
        this.violation(`a log line quotes a secret: ${line.replace(secret, '<the secret>')}`);
      }
    }
  }

  /** finish reports every sample no processed version explained, and changes no report confirmed. */
  finish(): void {
    for (const { report } of this.queued) {
      this.violation(
        `generation ${report.generation} processed version ${report.version}, which was never written`,
      );
    }
    this.queued.length = 0;
    for (const [key, sample] of this.pending) {
      this.violation(
        `${sample.where}: a reader saw ${this.describe(key)}, which no processed version from generation ${sample.minGeneration} on explains (a mixed or invented state)`,
      );
    }
    this.pending.clear();
    for (const [generation, names] of this.heard) {
      this.violation(
        `changes heard for generation ${generation} that no report confirmed: ${names.join(', ')}`,
      );
    }
    this.heard.clear();
  }

  /** liveKey renders the live values; unchanged handles reuse the last rendering. */
  liveKey(): string {
    const values = this.handles.map((h) => h.get());
    const cache = this.liveCache;
    if (cache && values.every((v, i) => v === cache.values[i])) return cache.key;
    const key = values.map(renderValue).join(STATE_SEPARATOR);
    this.liveCache = { values, key };
    return key;
  }

  private checkChange(
    where: string,
    change: SeenReport['changes'][number],
    next: ModelState,
  ): void {
    const i = this.flags.findIndex((f) => f.name === change.name);
    if (i < 0) return;
    if (change.previous === REDACTED && change.current === REDACTED) return;
    const previous = renderValue(change.previous);
    const current = renderValue(change.current);
    if (previous === current)
      this.violation(`${where}: ${change.name} reported as changed to the same ${current}`);
    if (previous !== this.current.rendered[i] || current !== next.rendered[i]) {
      this.violation(
        `${where}: ${change.name} ${previous} -> ${current}, the model says ${this.current.rendered[i]} -> ${next.rendered[i]}`,
      );
    }
  }

  private describe(key: string): string {
    const values = key.split(STATE_SEPARATOR);
    return `{${this.flags.map((f, i) => `${f.name}=${values[i]}`).join(' ')}}`;
  }

  private rememberSecret(version: PlannedVersion): void {
    const raw = version.payload.secret;
    if (typeof raw !== 'string' || raw.trim() === '') return;
    this.recentSecrets.push(raw.trim());
    if (this.recentSecrets.length > KEPT_SECRETS) this.recentSecrets.shift();
  }
}
