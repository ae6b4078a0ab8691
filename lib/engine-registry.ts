import { Logger } from '@nestjs/common';
import { resolve } from 'node:path';
import { ConfigMapEngine } from './configmap/configmap-engine.js';
import type { EffectiveEngineOptions } from './configmap/configmap-options.interface.js';
import type { DflagLogger } from './configmap/dflag-logger.interface.js';
import { ENGINE_SETTING_KEYS, withEngineDefaults } from './configmap/engine-options.util.js';
import { DFLAG_LOGGER_CONTEXT } from './dflag.constants.js';
import type { DflagEngine } from './dflag-engine.interface.js';
import type { DflagOptions } from './dflag-options.interface.js';
import type { EngineBinding } from './engine-binding.interface.js';
import { DflagSetupError } from './errors/dflag-setup.error.js';
import { messages } from './errors/messages.constant.js';
import type { FlagSet } from './flags/flag-set.js';
import { resolveFlagSet } from './resolve-flag-set.util.js';

interface Entry {
  readonly engine: ConfigMapEngine;
  /** The options the engine runs with (defaults filled in). */
  readonly effective: EffectiveEngineOptions;
  /** The logger it was given, if any (else a Nest `Logger`). */
  readonly logger: DflagLogger | undefined;
  /** Whether `loadFlags()` loaded it: a module then reuses it as loaded, and may not change it. */
  loaded: boolean;
  /** The applications (modules containers) created over it and not closed since. */
  readonly applications: Set<object>;
  /** The application that watches with it, from its bootstrap until it closes. */
  owner?: object;
}

/** EngineFactory creates the engine of a flag set (a seam; the default is the real ConfigMapEngine). */
export type EngineFactory = (options: DflagOptions, flagSet: FlagSet) => ConfigMapEngine;

const createEngine: EngineFactory = (
  { flags: _handles, logLevel: _logLevel, ...options },
  flagSet,
) =>
  new ConfigMapEngine({
    ...options, // every engine option passes through as given (checked by the engine)
    flagSet,
    logger: options.logger ?? new Logger(DFLAG_LOGGER_CONTEXT),
  });

const show = (value: unknown): string => JSON.stringify(value);

/**
 * EngineRegistry remembers the one engine of each flag set in this process,
 * so that a set is read once: `loadFlags()` (in `main.ts`, before
 * `NestFactory.create`) loads it, and the DflagModule bound to the same set
 * and directory takes that engine over instead of reading again.
 *
 * Creating an application only loads the set (as `loadFlags()` does); the
 * application that reaches bootstrap first claims it and watches with it
 * until it closes. Another application is refused — at creation when the
 * set is already claimed, else at its bootstrap — so that closing one never
 * stops another's watching. Claiming at bootstrap rather than at creation
 * is what lets an application whose creation failed (Nest runs no hook of
 * it then) leave the set free.
 */
export class EngineRegistry implements EngineBinding {
  private readonly entries = new Map<FlagSet, Entry>();

  constructor(private readonly factory: EngineFactory = createEngine) {}

  /**
   * load returns the engine of the options' set, creating it if needed, and
   * initializes it. An option left out takes the value of the engine
   * already loaded; one given with another value is refused, naming it.
   */
  async load(options: DflagOptions): Promise<ConfigMapEngine> {
    const flagSet = resolveFlagSet(options);
    let entry = this.reusable(flagSet, options);
    if (entry) {
      this.checkPath(entry, options, flagSet);
      this.checkOptions(entry, options, (differences) =>
        messages.loadOptionsDiffer(flagSet.name, differences),
      );
    }
    entry ??= this.add(options, flagSet);
    entry.loaded = true;
    await this.initialize(entry, flagSet);
    return entry.engine;
  }

  /**
   * attach hands the options' set to a DflagModule registration of an
   * application being created: the engine `loadFlags()` (or another
   * application's creation) already loaded when there is one, else a new
   * engine, initialized. The application claims it at bootstrap.
   */
  async attach(options: DflagOptions, application: object): Promise<DflagEngine> {
    const flagSet = resolveFlagSet(options);
    const existing = this.entries.get(flagSet);
    if (existing?.applications.has(application))
      throw new DflagSetupError(messages.flagSetBoundTwice(flagSet.name, existing.engine.path));
    if (existing?.owner)
      throw new DflagSetupError(
        messages.flagSetWatchedElsewhere(flagSet.name, existing.engine.path),
      );
    let entry = this.reusable(flagSet, options);
    if (entry) {
      this.checkPath(entry, options, flagSet);
      this.checkOptions(entry, options, (differences) =>
        messages.optionsDiffer(flagSet.name, differences),
      );
    }
    entry ??= this.add(options, flagSet);
    entry.applications.add(application);
    await this.initialize(entry, flagSet);
    return entry.engine;
  }

  /** hasRead tells whether the set has an engine here, i.e. was read (or is being read). */
  hasRead(flagSet: FlagSet): boolean {
    return this.entries.has(flagSet);
  }

  /** claim makes the application the one that watches with the engine (see {@link EngineBinding.claim}). */
  claim(engine: DflagEngine, application: object): void {
    const entry = this.entries.get(engine.flagSet);
    if (!entry) throw new DflagSetupError(messages.flagSetReleased(engine.flagSet.name));
    if (entry.engine !== engine)
      throw new DflagSetupError(messages.flagSetRebound(engine.flagSet.name, entry.engine.path));
    if (entry.owner && entry.owner !== application)
      throw new DflagSetupError(messages.flagSetWatchedElsewhere(engine.flagSet.name, engine.path));
    entry.owner = application;
  }

  /**
   * release forgets a closing application. The engine is stopped, and the
   * set can be bound again (e.g. by the next test's app), when that
   * application watched with it, or when no other one was created over it;
   * otherwise the engine is left to the application that goes on with it.
   */
  async release(engine: DflagEngine, application: object): Promise<void> {
    const entry = this.entries.get(engine.flagSet);
    if (entry?.engine !== engine) {
      // Replaced by a later application's load, or released: it never watched.
      await engine.stop();
      return;
    }
    entry.applications.delete(application);
    const goesOn = entry.owner ? entry.owner !== application : entry.applications.size > 0;
    if (goesOn) return;
    try {
      await engine.stop();
    } finally {
      if (this.entries.get(engine.flagSet) === entry) this.entries.delete(engine.flagSet);
    }
  }

  /**
   * reusable returns the set's entry unless it is only a left-over load:
   * one that neither `loadFlags()` made nor any application watches with
   * (that of an application that failed to be created, or is not yet
   * initialized) and that another directory or other options ask to be
   * read anew. Such a load is replaced; the application it was made for, if
   * it lives on, is refused at its bootstrap.
   */
  private reusable(flagSet: FlagSet, options: DflagOptions): Entry | undefined {
    const entry = this.entries.get(flagSet);
    if (!entry || entry.loaded || entry.owner) return entry;
    const same =
      resolve(entry.engine.path) === resolve(options.path) &&
      entry.logger === options.logger &&
      ENGINE_SETTING_KEYS.every((key) => withEngineDefaults(options)[key] === entry.effective[key]);
    return same ? entry : undefined;
  }

  private add(options: DflagOptions, flagSet: FlagSet): Entry {
    const engine = this.factory(options, flagSet);
    const entry: Entry = {
      engine,
      effective: withEngineDefaults(options),
      logger: options.logger,
      loaded: false,
      applications: new Set(),
    };
    this.entries.set(flagSet, entry);
    return entry;
  }

  private checkPath(entry: Entry, options: DflagOptions, flagSet: FlagSet): void {
    if (resolve(entry.engine.path) !== resolve(options.path))
      throw new DflagSetupError(
        messages.flagSetBoundElsewhere(flagSet.name, entry.engine.path, options.path),
      );
  }

  /**
   * checkOptions refuses options that give another value than the engine
   * runs with: they would be silently ignored. An option left out takes the
   * engine's value.
   */
  private checkOptions(
    entry: Entry,
    options: DflagOptions,
    message: (differences: readonly string[]) => string,
  ): void {
    const differences: string[] = [];
    for (const key of ENGINE_SETTING_KEYS) {
      const given = options[key];
      if (given !== undefined && given !== entry.effective[key])
        differences.push(`${key} (${show(entry.effective[key])} vs ${show(given)})`);
    }
    if (options.logger !== undefined && options.logger !== entry.logger)
      differences.push(`logger (${entry.logger ? 'one logger' : 'the default'} vs another logger)`);
    if (differences.length > 0) throw new DflagSetupError(message(differences));
  }

  private async initialize(entry: Entry, flagSet: FlagSet): Promise<void> {
    try {
      await entry.engine.initialize();
    } catch (error) {
      // Nothing was applied: forget the engine so that a corrected retry starts afresh.
      if (this.entries.get(flagSet) === entry) this.entries.delete(flagSet);
      throw error;
    }
  }
}

/** engineRegistry is the process-wide registry `loadFlags()` and DflagModule share. */
export const engineRegistry = new EngineRegistry();
