import { Logger, Scope } from '@nestjs/common';
import type { FactoryProvider, InjectionToken, Provider } from '@nestjs/common';
import { INQUIRER, ModulesContainer } from '@nestjs/core';
import { EventEmitter2, EventEmitterReadinessWatcher } from '@nestjs/event-emitter';
import { getFlagServiceToken } from './decorators/inject-flag-service.decorator.js';
import { requestedFlags } from './decorators/requested-flags.registry.js';
import {
  DEFAULT_REGISTRATION,
  DFLAG_ENGINE,
  DFLAG_LOGGER_CONTEXT,
  DFLAG_MODULE_OPTIONS,
  getFlagSetToken,
  getFlagsToken,
  getFlagToken,
} from './dflag.constants.js';
import type { DflagEngine } from './dflag-engine.interface.js';
import { DflagLifecycle } from './dflag.lifecycle.js';
import type { DflagOptions } from './dflag-options.interface.js';
import type { EngineBinding } from './engine-binding.interface.js';
import { engineRegistry } from './engine-registry.js';
import { DflagSetupError } from './errors/dflag-setup.error.js';
import { messages } from './errors/messages.constant.js';
import { FlagEventsPublisher } from './events/flag-events.publisher.js';
import { FlagService } from './flag.service.js';
import type { Flag } from './flags/flag.js';
import { LogLevelApplier } from './log-level/log-level.applier.js';
import {
  ensureLogLevelFlag,
  isLogLevelFlag,
  logLevelFlagName,
} from './log-level/log-level-flag.js';
import { checkFactoryOptions } from './options/check-dflag-options.util.js';
import { resolveFlagSet } from './resolve-flag-set.util.js';

const nameOf = (inquirer: unknown): string | undefined =>
  (inquirer as { constructor?: { name?: string } } | undefined)?.constructor?.name;

/** DflagRegistrationProviders are the providers and exports of one registration, read when Nest scans the module. */
export interface DflagRegistrationProviders {
  /** Every provider of the registration (the engine's included). */
  providers(): Provider[];
  /** What the registration exports: its FlagService, set, handles, and every injected flag. */
  exports(): InjectionToken[];
}

/**
 * createConfigMapEngineProvider provides the registration's ConfigMap engine,
 * initialized: taken over from `loadFlags()` when it loaded the same set and
 * directory, else created. A missing EventEmitterModule is reported first,
 * with what to import, then bad options (those of `forRootAsync()`'s factory
 * are first seen here), before anything is read.
 */
export function createConfigMapEngineProvider(): FactoryProvider<Promise<DflagEngine>> {
  return {
    provide: DFLAG_ENGINE,
    useFactory: (
      options: DflagOptions,
      emitter: EventEmitter2 | undefined,
      application: ModulesContainer,
    ) => {
      if (!emitter) throw new DflagSetupError(messages.missingEventEmitter);
      const checked = checkFactoryOptions(options);
      // Declared before the set is read, so that the ConfigMap's value is loaded with the rest.
      const flagSet = resolveFlagSet(checked);
      ensureLogLevelFlag(flagSet, checked.logLevel, engineRegistry.hasRead(flagSet));
      // The modules container is one per application: it tells a second
      // registration of the same app from another application.
      return engineRegistry.attach(checked, application);
    },
    inject: [DFLAG_MODULE_OPTIONS, { token: EventEmitter2, optional: true }, ModulesContainer],
  };
}

/**
 * soleBinding: an engine no other application can share (the test kit's) is
 * the application's own; it is stopped on close, then `released` is called.
 */
const soleBinding = (released: (engine: DflagEngine) => void): EngineBinding => ({
  claim: () => undefined,
  release: async (engine) => {
    try {
      await engine.stop();
    } finally {
      released(engine);
    }
  },
});

/**
 * createDflagProviders builds the providers of one registration around an
 * engine provider (the ConfigMap engine, or the test kit's in-memory one).
 * Flag handles that `@InjectFlag()` asks for are looked up when Nest scans
 * the module (see `requestedFlags`); their provider objects are kept, so
 * that repeated reads return the same providers.
 *
 * @param registration the registration's name (it namespaces the exported tokens)
 * @param engineProvider provides `DFLAG_ENGINE`, initialized
 * @param binding which application runs the engine (the registry's, for an
 *   engine applications may share); or, for an engine of this application
 *   alone, a function called once it is stopped
 * @param extra further providers of the registration (the ConfigMap module's log writer)
 */
export function createDflagProviders(
  registration: string = DEFAULT_REGISTRATION,
  engineProvider: Provider,
  binding: EngineBinding | ((engine: DflagEngine) => void),
  extra: readonly Provider[] = [],
): DflagRegistrationProviders {
  const engineBinding = typeof binding === 'function' ? soleBinding(binding) : binding;
  const serviceToken = getFlagServiceToken(registration);
  const fixed: Provider[] = [
    engineProvider,
    serviceToken === FlagService ? FlagService : { provide: serviceToken, useClass: FlagService },
    {
      provide: getFlagSetToken(registration),
      // The publisher first: a provider that changes the set it was handed
      // (`override()`, `apply()`) while the application is created is heard.
      useFactory: (engine: DflagEngine, _publisher: FlagEventsPublisher) => engine.flagSet,
      inject: [DFLAG_ENGINE, FlagEventsPublisher],
    },
    {
      provide: getFlagsToken(registration),
      useFactory: (engine: DflagEngine) => {
        const handles: Record<string, Flag<unknown>> = {};
        for (const flag of engine.flagSet) handles[flag.name] = flag;
        return Object.freeze(handles);
      },
      inject: [DFLAG_ENGINE],
    },
    {
      provide: FlagEventsPublisher,
      useFactory: (
        engine: DflagEngine,
        emitter: EventEmitter2 | undefined,
        readiness: EventEmitterReadinessWatcher | undefined,
      ) => new FlagEventsPublisher(engine, emitter, readiness, new Logger(DFLAG_LOGGER_CONTEXT)),
      inject: [
        DFLAG_ENGINE,
        { token: EventEmitter2, optional: true },
        { token: EventEmitterReadinessWatcher, optional: true },
      ],
    },
    {
      provide: DflagLifecycle,
      useFactory: (
        engine: DflagEngine,
        publisher: FlagEventsPublisher,
        application: ModulesContainer,
      ) => new DflagLifecycle(engine, publisher, engineBinding, application),
      inject: [DFLAG_ENGINE, FlagEventsPublisher, ModulesContainer],
    },
    {
      provide: LogLevelApplier,
      // The module's options are absent under the test kit: there is no log level flag then.
      useFactory: (engine: DflagEngine, options: DflagOptions | undefined) => {
        const name = logLevelFlagName(options?.logLevel);
        const flag = name === undefined ? undefined : engine.flagSet.find(name);
        return new LogLevelApplier(
          flag && isLogLevelFlag(flag) ? flag : undefined,
          options?.logLevel,
          options?.logger ?? new Logger(DFLAG_LOGGER_CONTEXT),
        );
      },
      inject: [DFLAG_ENGINE, { token: DFLAG_MODULE_OPTIONS, optional: true }],
    },
  ];
  const flagProviders = new Map<string, Provider>();
  const flagProvider = (name: string): Provider => {
    let provider = flagProviders.get(name);
    if (!provider) {
      // Transient, so that it is resolved only for the classes that inject it
      // (a class defined but unused in this application asks for nothing),
      // and so that a missing flag is reported with the class that asked.
      provider = {
        provide: getFlagToken(name, registration),
        scope: Scope.TRANSIENT,
        useFactory: (engine: DflagEngine, inquirer: unknown) => {
          const handle = engine.flagSet.find(name);
          if (!handle)
            throw new DflagSetupError(
              messages.injectedFlagMissing(name, engine.flagSet.name, nameOf(inquirer)),
            );
          return handle;
        },
        inject: [DFLAG_ENGINE, INQUIRER],
      };
      flagProviders.set(name, provider);
    }
    return provider;
  };
  return {
    providers: () => [...fixed, ...extra, ...requestedFlags(registration).map(flagProvider)],
    exports: () => [
      serviceToken,
      getFlagSetToken(registration),
      getFlagsToken(registration),
      ...requestedFlags(registration).map((name) => getFlagToken(name, registration)),
    ],
  };
}
