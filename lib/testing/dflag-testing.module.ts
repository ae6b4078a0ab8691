import type { InspectOptions } from 'node:util';
import type { InspectFunction } from '../flags/inspect-view.util.js';
import { INSPECT, inspectView } from '../flags/inspect-view.util.js';
import type { FlagEngineView } from '../flags/flag-view.interface.js';
import { Module } from '@nestjs/common';
import type { DynamicModule, Provider } from '@nestjs/common';
import type { ConfigMapStatus } from '../configmap/configmap-status.interface.js';
import type { ReloadReport, ReloadTrigger } from '../configmap/reload-report.interface.js';
import { DEFAULT_REGISTRATION, DFLAG_ENGINE } from '../dflag.constants.js';
import type { DflagEngine } from '../dflag-engine.interface.js';
import type { DflagModuleExtras } from '../dflag-options.interface.js';
import { withRegistrationProviders } from '../dflag.module-definition.js';
import { createDflagProviders } from '../dflag.providers.js';
import { messages } from '../errors/messages.constant.js';
import type { FlagHandles } from '../flag-handles.type.js';
import type { FlagChange } from '../flags/flag-change.interface.js';
import type { FlagSet } from '../flags/flag-set.js';
import { resolveFlagSet } from '../resolve-flag-set.util.js';
import { deliveredFor } from '../events/event-delivery.registry.js';
import type { FlagValue } from '../flags/define-flags.js';
import { overriddenAtRuntime } from '../runtime/overridden-at-runtime.util.js';

/**
 * TestingValues are typed values by flag name for the handles `F`: with the
 * handles `defineFlags()` returned, a misspelt name or a value of the wrong
 * type fails to compile. Over untyped handles, any name and value (checked
 * when the module starts).
 */
export type TestingValues<F extends FlagHandles = FlagHandles> = string extends keyof F
  ? Readonly<Record<string, unknown>>
  : { readonly [K in keyof F]?: FlagValue<F[K]> };

/** DflagTestingOptions configures `DflagTestingModule.forRoot()`. */
export interface DflagTestingOptions<
  F extends FlagHandles = FlagHandles,
> extends DflagModuleExtras {
  /**
   * Whether the providers are visible in every module. Unlike `DflagModule`,
   * on by default: a test double must serve wherever the replaced module did.
   * @default true
   */
  isGlobal?: boolean;
  /**
   * The flag set to provide.
   * @default defaultFlagSet (or the set `flags` were declared in)
   */
  flagSet?: FlagSet;
  /**
   * The handles `defineFlags()` returned, as an alternative to `flagSet`.
   * @default undefined
   */
  flags?: F;
  /**
   * Values by flag name, typed by `flags` when given (a misspelt name or a
   * wrong type fails to compile; checked again when the module starts), set
   * on the `override` layer (above every
   * other source) when the module starts and removed when it closes. Invalid
   * values or unknown names fail the test module's compilation, listing
   * every problem.
   * @default {} (every flag keeps its value)
   */
  values?: TestingValues<F>;
}

/**
 * InMemoryFlagEngine stands in for the ConfigMap engine in tests: no
 * directory, no watcher. It sets the given values on the `override` layer,
 * and `set()` plays a new ConfigMap version, so that `flag.changed`,
 * `flag.reloaded`, `@OnFlagChange` handlers and the health indicator can be
 * tested without files. `stop()` (on `app.close()`) removes every value it set.
 */
export class InMemoryFlagEngine<F extends FlagHandles = FlagHandles> implements DflagEngine {
  /** A placeholder path, shown in events and health details. */
  readonly path = messages.testingPath;
  private readonly listeners = new Set<(report: ReloadReport) => void>();
  private readonly touched = new Set<string>();
  private initReport: ReloadReport | undefined;
  private started = false;
  private processed = 0;

  /** generation is the number of reloads (`status().generation`). */
  get generation(): number {
    return this.processed;
  }

  /** version is always undefined: the test kit reads no volume (`status().version`). */
  get version(): undefined {
    return undefined;
  }
  private last: ReloadReport | undefined;
  private lastSuccessAt: Date | undefined;

  /** The values given: a private field, not a property (a test's secrets may be among them). */
  readonly #values: TestingValues<F>;

  constructor(
    /** The flags the engine sets. */
    readonly flagSet: FlagSet,
    values: TestingValues<F> = {} as TestingValues<F>,
  ) {
    this.#values = values;
  }

  /** toJSON is what `JSON.stringify` of the engine gives: where it reads and its flags' views, never its internals (the bytes it read, every layer's value). */
  toJSON(): FlagEngineView {
    return { path: this.path, flagSet: this.flagSet.toJSON(), generation: this.generation };
  }

  /**
   * What `util.inspect` shows of the engine: its {@link toJSON} view.
   * @internal
   */
  [INSPECT](depth?: number, options?: InspectOptions, inspect?: InspectFunction): string {
    return inspectView('InMemoryFlagEngine', this.toJSON(), depth, options, inspect);
  }

  /** Whether `initialize()` has succeeded. */
  get initialized(): boolean {
    return this.initReport !== undefined;
  }

  /** initialize sets the initial values; throws one error listing every refused value. */
  async initialize(): Promise<ReloadReport> {
    if (this.initReport) return this.initReport;
    const values = this.#values as Readonly<Record<string, unknown>>;
    const names = Object.keys(values);
    const changes = this.flagSet.applyOrThrow(
      names.map((name) => ({ name, source: 'override', value: values[name] })),
    );
    for (const name of names) this.touched.add(name);
    this.initReport = this.record('initialize', changes, []);
    return this.initReport;
  }

  /** start marks the engine as watching; there is nothing to watch. */
  async start(): Promise<void> {
    await this.initialize();
    this.started = true;
  }

  /** stop removes every value this engine set, so that the next test starts clean. */
  async stop(): Promise<void> {
    this.started = false;
    const names = [...this.touched];
    this.touched.clear();
    this.flagSet.apply(names.map((name) => ({ name, source: 'override' })));
  }

  /** reload plays a version that changes nothing; resolves once its `flag.reloaded` was delivered. */
  async reload(): Promise<ReloadReport> {
    await this.initialize();
    const report = this.publish(this.record('manual', [], []));
    await deliveredFor(this);
    return report;
  }

  /**
   * set plays a new version with these typed values (on the `override`
   * layer): every value is validated first, and nothing applies when one is
   * refused (`rejected`, with the errors). The module emits `flag.changed`
   * for each real change, then `flag.reloaded` (a change made with
   * `flagSet.override()` instead emits `flag.changed` alone). The values
   * apply at once (before `set()` returns its promise); the promise resolves
   * with the version's report once those events have reached their listeners
   * and what async listeners returned has settled — `await` it, then assert.
   */
  async set(values: TestingValues<F>): Promise<ReloadReport> {
    const given = values as Readonly<Record<string, unknown>>;
    const names = Object.keys(given);
    const result = this.flagSet.apply(
      names.map((name) => ({ name, source: 'override', value: given[name] })),
      { policy: 'all-or-nothing', tag: this },
    );
    if (!result.rejected) for (const name of names) this.touched.add(name);
    const errors = result.errors.map((error) => error.message);
    const report = this.publish(this.record('manual', result.changes, errors));
    await deliveredFor(this);
    return report;
  }

  /** onReload subscribes to every version played after the initial one. */
  onReload(listener: (report: ReloadReport) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** status reports the in-memory state in the ConfigMap engine's shape. */
  status(): ConfigMapStatus {
    return {
      path: this.path,
      layout: 'plain',
      version: undefined,
      latestVersion: undefined,
      latestRefused: false,
      refusedFlags: [],
      generation: this.processed,
      lastReloadAt: this.last?.at,
      lastResult: this.last?.result,
      lastSuccessAt: this.lastSuccessAt,
      errors: this.last?.errors ?? [],
      warnings: [],
      unknownKeys: [],
      pendingRestart: [],
      checksums: this.checksums(),
      watchMode: this.started ? 'events' : 'stopped',
      watcherError: undefined,
      directoryMissing: false,
      layoutProblem: undefined,
      startedOnFallbacks: false,
      ready: true,
      refusedAtStart: [],
      overriddenAtRuntime: overriddenAtRuntime(this.flagSet),
    };
  }

  private checksums(): ReloadReport['checksums'] {
    return { dynamic: this.flagSet.checksum('dynamic'), static: this.flagSet.checksum('static') };
  }

  private record(
    trigger: ReloadTrigger,
    changes: readonly FlagChange[],
    errors: readonly string[],
  ): ReloadReport {
    const at = new Date();
    this.processed += 1;
    const report: ReloadReport = {
      generation: this.processed,
      result: errors.length > 0 ? 'rejected' : 'applied',
      changes,
      errors,
      warnings: [],
      checksums: this.checksums(),
      durationMs: 0,
      at,
      trigger,
      version: undefined,
    };
    this.last = report;
    if (report.result === 'applied') this.lastSuccessAt = at;
    return report;
  }

  private publish(report: ReloadReport): ReloadReport {
    for (const listener of this.listeners) {
      try {
        listener(report);
      } catch {
        // A listener's failure is its own; the version has been played.
      }
    }
    return report;
  }
}

/**
 * DflagTestingModule provides what DflagModule provides — FlagService, the
 * flag set, the handles, `@InjectFlag()` tokens, events — over an
 * {@link InMemoryFlagEngine} instead of a directory. Use it in place of
 * `DflagModule.forRoot()` in a test, or swap it in with
 * `Test.createTestingModule({ imports: [AppModule] }).overrideModule(flagsModule).useModule(DflagTestingModule.forRoot({ ... }))`.
 * `EventEmitterModule` is optional here: without it, no events are emitted.
 */
@Module({})
export class DflagTestingModule {
  /** forRoot provides the flag set with the given values (see {@link DflagTestingOptions}). */
  static forRoot<F extends FlagHandles = FlagHandles>(
    options: DflagTestingOptions<F> = {},
  ): DynamicModule {
    const registration = options.name ?? DEFAULT_REGISTRATION;
    const engineProvider: Provider = {
      provide: DFLAG_ENGINE,
      useFactory: async () => {
        const engine = new InMemoryFlagEngine<F>(resolveFlagSet(options), options.values);
        await engine.initialize();
        return engine;
      },
    };
    const base = createDflagProviders(registration, engineProvider, () => undefined);
    return withRegistrationProviders(
      { module: DflagTestingModule },
      {
        providers: () => [
          ...base.providers(),
          { provide: InMemoryFlagEngine, useExisting: DFLAG_ENGINE },
        ],
        exports: () => [...base.exports(), InMemoryFlagEngine],
      },
      options.isGlobal ?? true,
    );
  }
}
