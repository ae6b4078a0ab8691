import { Logger } from '@nestjs/common';
import { resolve } from 'node:path';
import { ConfigMapEngine, ENGINE_DEFAULTS } from './configmap/configmap-engine.js';
import { DFLAG_LOGGER_CONTEXT } from './dflag.constants.js';
import type { DflagEngine } from './dflag-engine.interface.js';
import type { DflagOptions } from './dflag-options.interface.js';
import { DflagSetupError } from './errors/dflag-setup.error.js';
import { messages } from './errors/messages.constant.js';
import type { FlagSet } from './flags/flag-set.js';
import { resolveFlagSet } from './resolve-flag-set.util.js';

interface Entry {
  readonly engine: ConfigMapEngine;
  /** The options the engine was created with. */
  readonly options: DflagOptions;
  /** Whether a DflagModule owns it (starts, stops and releases it). */
  claimed: boolean;
  /** The application that claimed it (its modules container), if any. */
  owner?: object;
}

/** EngineFactory creates the engine of a flag set (a seam; the default is the real ConfigMapEngine). */
export type EngineFactory = (options: DflagOptions, flagSet: FlagSet) => ConfigMapEngine;

const createEngine: EngineFactory = (options, flagSet) =>
  new ConfigMapEngine({
    ...options, // every engine option passes through as given
    flagSet,
    logger: options.logger ?? new Logger(DFLAG_LOGGER_CONTEXT),
  });

/** The engine options a module may give; `path` and the set are checked on their own. */
const ENGINE_OPTION_KEYS = [
  'onInvalid',
  'startOnInvalid',
  'optional',
  'resyncInterval',
  'settleDelay',
  'usePolling',
  'logger',
] as const satisfies ReadonlyArray<keyof DflagOptions>;

const show = (value: unknown): string =>
  value === undefined
    ? 'the default'
    : typeof value === 'object'
      ? 'another logger'
      : JSON.stringify(value);

/**
 * EngineRegistry remembers the one engine of each flag set in this process,
 * so that a set is read once: `loadFlags()` (in `main.ts`, before
 * `NestFactory.create`) loads it, and the DflagModule bound to the same set
 * and directory takes that engine over instead of reading again. A set bound
 * to two directories, or by two modules at once, is an error rather than two
 * engines fighting over its `configmap` layer.
 */
export class EngineRegistry {
  private readonly entries = new Map<FlagSet, Entry>();

  constructor(private readonly factory: EngineFactory = createEngine) {}

  /** load returns the engine of the options' set, creating it if needed, and initializes it. */
  async load(options: DflagOptions): Promise<ConfigMapEngine> {
    const flagSet = resolveFlagSet(options);
    const entry = this.entries.get(flagSet) ?? this.add(options, flagSet, false);
    this.checkPath(entry, options, flagSet);
    await this.initialize(entry, flagSet);
    return entry.engine;
  }

  /**
   * claim hands the options' set to a DflagModule: the engine `loadFlags()`
   * already loaded when there is one, else a new engine. The module then
   * owns it until {@link release}.
   */
  async claim(options: DflagOptions, owner: object): Promise<DflagEngine> {
    const flagSet = resolveFlagSet(options);
    const existing = this.entries.get(flagSet);
    // Another application that claimed the set but never started it failed to
    // be created (Nest runs no shutdown hook then): this one takes it over.
    const abandoned = existing?.owner !== owner && !existing?.engine.watching;
    if (existing?.claimed && !abandoned)
      throw new DflagSetupError(messages.flagSetBoundTwice(flagSet.name, existing.engine.path));
    const entry = existing ?? this.add(options, flagSet, true);
    this.checkPath(entry, options, flagSet);
    this.checkOptions(entry, options, flagSet);
    entry.claimed = true;
    entry.owner = owner;
    try {
      await this.initialize(entry, flagSet);
    } catch (error) {
      entry.claimed = false;
      throw error;
    }
    return entry.engine;
  }

  /** release forgets a stopped engine, so that the set can be bound again (e.g. by the next test's app). */
  release(engine: DflagEngine): void {
    if (this.entries.get(engine.flagSet)?.engine === engine) this.entries.delete(engine.flagSet);
  }

  private add(options: DflagOptions, flagSet: FlagSet, claimed: boolean): Entry {
    const entry: Entry = { engine: this.factory(options, flagSet), options, claimed };
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
   * checkOptions refuses a module whose engine options differ from those
   * `loadFlags()` created the engine with: they would be silently ignored.
   */
  private checkOptions(entry: Entry, options: DflagOptions, flagSet: FlagSet): void {
    const differences: string[] = [];
    for (const key of ENGINE_OPTION_KEYS) {
      const given = options[key];
      if (given === undefined) continue;
      const loaded = entry.options[key] ?? (ENGINE_DEFAULTS as Record<string, unknown>)[key];
      if (given !== loaded) differences.push(`${key} (${show(loaded)} vs ${show(given)})`);
    }
    if (differences.length > 0) {
      throw new DflagSetupError(messages.optionsDiffer(flagSet.name, differences));
    }
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
