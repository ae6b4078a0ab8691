import type { OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { join } from 'node:path';
import type { DflagLogger } from '../configmap/dflag-logger.interface.js';
import { readMountinfo, subPathMounts } from '../configmap/mountinfo.util.js';
import type { ReloadReport } from '../configmap/reload-report.interface.js';
import { runSteps, runToEnd, TimeSlice } from '../configmap/time-slice.util.js';
import type { Steps } from '../configmap/time-slice.util.js';
import type { DflagEngine } from '../dflag-engine.interface.js';
import { errorMessage } from '../errors/error-message.util.js';
import { messages } from '../errors/messages.constant.js';
import type { FlagBatch } from '../flags/flag-batch.interface.js';
import type { FlagChange } from '../flags/flag-change.interface.js';
import type { FlagSource } from '../flags/flag-source.js';
import { changeText, showChange } from './change-text.util.js';
import type { ShownChange } from './change-text.util.js';
import { withJsonFields } from './json-fields.util.js';

/** The layers below `configmap` that a user sets on purpose (a default is meant to be replaced). */
const HIDDEN_SOURCES: readonly FlagSource[] = ['command-line', 'environment'];

/**
 * FlagLogWriter writes the operator's log lines of a ConfigMap registration: one line at start
 * (path, layout, version, generation, checksums, how many flags the ConfigMap set), a warning per
 * flag whose command-line or environment value a ConfigMap key hides, a warning
 * when the directory is a `subPath` mount that never updates, one line per applied change set
 * (`name: old → new`, redacted, shortened, escaped, with its source and the version), and one
 * warning per static flag newly pending restart. Refused values and unknown keys are the
 * engine's own warnings (once per version); a no-op writes nothing.
 *
 * With a logger that writes JSON (see `writesJson`) every line also goes with its facts as
 * a plain object, the second argument of the logger's method: Nest 12's `ConsoleLogger` in
 * `json: true` mode logs it under `params` (at the top level with `flattenParams`). A text logger
 * gets the line alone: it would print the object as a second line.
 */
export class FlagLogWriter implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly unsubscribe: Array<() => void>;
  /** Static flags pending restart, and the version each was reported for. */
  private readonly pending = new Map<string, string | undefined>();
  /** Lines still to write, in order: a version's lines are written in turns of their own. */
  private readonly queue: Array<(slice: TimeSlice) => Steps<void>> = [];
  private draining = false;

  private readonly logger: DflagLogger;

  constructor(
    private readonly engine: DflagEngine,
    logger: DflagLogger,
    private readonly mountinfo: () => string | undefined = readMountinfo,
  ) {
    this.logger = withJsonFields(logger);
    this.unsubscribe = [
      engine.flagSet.onBatch((batch) => this.onBatch(batch)),
      engine.onReload((report) => this.onReport(report)),
    ];
  }

  onApplicationBootstrap(): void {
    const status = this.engine.status();
    const { flagSet } = this.engine;
    let fromConfigMap = 0;
    for (const flag of flagSet) if (flag.valueFrom('configmap') !== undefined) fromConfigMap++;
    const fields = {
      flagSet: flagSet.name,
      path: status.path,
      layout: status.layout,
      version: status.version ?? null,
      generation: status.generation,
      checksums: { dynamic: status.checksums.dynamic, static: status.checksums.static },
      fromConfigMap,
    };
    this.logger.log(
      messages.flagsLoaded({ ...fields, ...status.checksums, version: status.version }),
      { event: 'dflag.loaded', ...fields },
    );
    if (status.layout === 'plain') this.checkSubPath(status.path);
    this.checkHidden();
    for (const name of status.pendingRestart) this.pending.set(name, status.version);
  }

  onModuleDestroy(): void {
    for (const off of this.unsubscribe) off();
    this.unsubscribe.length = 0;
  }

  /**
   * checkHidden warns, once at start, of each flag whose command-line or environment value a
   * ConfigMap key hides (the configmap layer is above them): `--port=8080` that does not serve is a
   * surprise otherwise. Values are never shown, so a sensitive flag needs no special case.
   */
  private checkHidden(): void {
    for (const flag of this.engine.flagSet) {
      if (flag.valueFrom('configmap') === undefined) continue;
      const hidden = HIDDEN_SOURCES.filter((source) => flag.valueFrom(source) !== undefined);
      if (hidden.length === 0) continue;
      const file = join(this.engine.path, flag.name);
      this.logger.warn(messages.hiddenByConfigMap(flag.name, file, hidden), {
        event: 'dflag.hidden',
        flagSet: this.engine.flagSet.name,
        flag: flag.name,
        file,
        hidden,
      });
    }
  }

  private checkSubPath(dir: string): void {
    const text = this.mountinfo();
    if (text === undefined) return;
    const mounts = subPathMounts(text, dir);
    if (mounts.length > 0)
      this.logger.warn(messages.subPathMounted(dir, mounts), {
        event: 'dflag.subpath',
        path: dir,
        mounts,
      });
  }

  /**
   * onBatch logs a change made through the flag set (an override, `apply()`…) at once, or after
   * the lines still queued; the engine's own versions are logged from their report.
   */
  private onBatch(batch: FlagBatch): void {
    if (batch.tag === this.engine) return;
    const { version, generation } = this.versionNow();
    if (this.draining)
      this.later((slice) => this.changeLine(batch.changes, version, generation, slice));
    else runToEnd(this.changeLine(batch.changes, version, generation, TimeSlice.endless()));
  }

  /** versionNow is the version serving and the generation, without a whole status when it can. */
  private versionNow(): { version: string | undefined; generation: number } {
    const { engine } = this;
    if (engine.generation !== undefined && 'version' in engine)
      return { version: engine.version, generation: engine.generation };
    return engine.status();
  }

  /**
   * onReport logs a ConfigMap version's changes (its report carries them, with its version) in
   * turns after the swap's: after the version's `flag.changed` events went out, and without
   * lengthening the turn that holds the swap. A big version's line is built in slices of time
   * (redacting, shortening and escaping a thousand values takes milliseconds).
   */
  private onReport(report: ReloadReport): void {
    // Which static flags wait for a restart is read now: the lines are written later.
    const pendingRestart = this.engine.pendingRestart ?? this.engine.status().pendingRestart;
    this.later((slice) => this.versionLines(report, pendingRestart, slice));
  }

  private *versionLines(
    report: ReloadReport,
    pendingRestart: readonly string[],
    slice: TimeSlice,
  ): Steps<void> {
    yield* this.changeLine(report.changes, report.version, report.generation, slice);
    this.checkPending(report.version, pendingRestart);
  }

  /** later queues lines to write from the next turn on, each job in slices, in order. */
  private later(job: (slice: TimeSlice) => Steps<void>): void {
    this.queue.push(job);
    if (this.draining) return;
    this.draining = true;
    setImmediate(() => void this.drain());
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const job = this.queue.shift() as (slice: TimeSlice) => Steps<void>;
      const slice = TimeSlice.background();
      try {
        await runSteps(job(slice), slice);
      } catch (error) {
        // A logger that throws, off the engine's stack (which caught it before): never a crash.
        process.emitWarning(messages.reloadListenerFailed(errorMessage(error)), 'DflagWarning');
      }
    }
    this.draining = false;
  }

  private *changeLine(
    changes: readonly FlagChange[],
    version: string | undefined,
    generation: number,
    slice: TimeSlice,
  ): Steps<void> {
    if (changes.length === 0) return;
    const shown: ShownChange[] = [];
    for (const change of changes) {
      if (slice.spent()) yield;
      shown.push(showChange(change, this.engine.flagSet));
    }
    const source = [...new Set(shown.map((s) => s.source))].join('+');
    this.logger.log(
      messages.flagsChanged(this.engine.flagSet.name, shown.map(changeText), source, version),
      {
        event: 'dflag.changed',
        flagSet: this.engine.flagSet.name,
        path: this.engine.path,
        version: version ?? null,
        generation,
        source,
        changes: shown,
      },
    );
  }

  /** checkPending warns once per static flag and version that its ConfigMap value waits for a restart. */
  private checkPending(version: string | undefined, pendingRestart: readonly string[]): void {
    const now = new Set(pendingRestart);
    for (const name of this.pending.keys()) if (!now.has(name)) this.pending.delete(name);
    for (const name of now) {
      if (this.pending.has(name) && this.pending.get(name) === version) continue;
      this.pending.set(name, version);
      this.logger.warn(messages.pendingRestart(name, join(this.engine.path, name)), {
        event: 'dflag.pending-restart',
        flagSet: this.engine.flagSet.name,
        flag: name,
        version: version ?? null,
      });
    }
  }
}
