import type { ConfigMapEngineOptions } from './configmap/configmap-options.interface.js';
import type { DflagLogger } from './configmap/dflag-logger.interface.js';
import type { FlagHandles } from './flag-handles.type.js';
import type { FlagSet } from './flags/flag-set.js';
import type { LogLevelOption } from './log-level/log-level-options.interface.js';

/**
 * DflagOptions binds a flag set to a mounted ConfigMap: what `loadFlags()`
 * and `DflagModule.forRoot()` take. Besides the options below it takes every
 * option of the ConfigMap engine, with the engine's defaults: `path`
 * (required), `onInvalid` (`'keep-last-good'`), `startOnInvalid` (`false`),
 * `optional` (`false`), `resyncInterval` (`5000` ms), `settleDelay`
 * (`100` ms), `usePolling` (`false`).
 */
export interface DflagOptions extends Omit<ConfigMapEngineOptions, 'flagSet' | 'logger'> {
  /**
   * The flag set the ConfigMap's keys set. Libraries and tests use their own
   * `new FlagSet(name)`; an application usually declares into the default set.
   * @default defaultFlagSet (or the set `flags` were declared in)
   */
  flagSet?: FlagSet;
  /**
   * The handles `defineFlags()` returned, as an alternative to `flagSet`:
   * the set they were declared in is bound. They must all belong to one set
   * (and to `flagSet` when it is given too); checked at start.
   * @default undefined (bind `flagSet`)
   */
  flags?: FlagHandles;
  /**
   * Where the engine's warnings and errors and the module's log lines (start, changes, pending
   * restarts, subPath mounts; see README "Logs") go. Values of sensitive flags never reach it.
   * @default a Nest `Logger` with the context `DflagModule`
   */
  logger?: DflagLogger;
  /**
   * A built-in dynamic flag (Go dflag's `loglevel`) whose value sets the
   * application's Nest log levels at run time: `true` for a flag named
   * `loglevel`, or `{ flag, onChange }`. Declared into the bound set (unless
   * it declares the name with `logLevelFlag()`) before the ConfigMap is read,
   * and applied by DflagModule from the application's bootstrap; with
   * `loadFlags()` give it there too. See `LogLevelOptions`.
   * @default false
   */
  logLevel?: LogLevelOption;
}

/**
 * DflagModuleOptions configures `DflagModule.forRoot()` / `forRootAsync()`
 * (the options a `useFactory` returns). See {@link DflagOptions}.
 */
export type DflagModuleOptions = DflagOptions;

/**
 * DflagModuleExtras are the registration's static options, given next to
 * the options (also with `forRootAsync`, outside the factory), because they
 * shape the module before any factory runs.
 */
export interface DflagModuleExtras {
  /**
   * Whether the module's providers (FlagService, the flag set, the handles)
   * are visible in every module without importing DflagModule there.
   * @default false (like `ConfigModule`: explicit imports)
   */
  isGlobal?: boolean;
  /**
   * The registration's name, needed only for a second flag set in one
   * application: its FlagService, set and handles are then injected with
   * `@InjectFlagService(name)`, `@InjectFlagSet(name)`, `@InjectFlag(flag, name)`,
   * and health is checked with `isHealthy(key, { name })`. Each registration
   * in one application needs its own name.
   * @default 'default' (FlagService is then injected by its class)
   */
  name?: string;
}
