import { ConfigurableModuleBuilder, Logger } from '@nestjs/common';
import type { DynamicModule } from '@nestjs/common';
import {
  DEFAULT_REGISTRATION,
  DFLAG_ENGINE,
  DFLAG_LOGGER_CONTEXT,
  DFLAG_MODULE_OPTIONS,
} from './dflag.constants.js';
import type { DflagEngine } from './dflag-engine.interface.js';
import { FlagLogWriter } from './logs/flag-log.writer.js';
import type { DflagModuleExtras, DflagModuleOptions } from './dflag-options.interface.js';
import type { DflagRegistrationProviders } from './dflag.providers.js';
import { createConfigMapEngineProvider, createDflagProviders } from './dflag.providers.js';
import { engineRegistry } from './engine-registry.js';

/**
 * withRegistrationProviders completes a generated module definition with a
 * registration's providers. They are attached as getters: Nest reads them
 * when it scans the module (at `NestFactory.create` / `compile()`), after
 * every class — and every `@InjectFlag()` — has been defined, whichever order
 * the application's module files were evaluated in.
 */
export function withRegistrationProviders(
  definition: DynamicModule,
  registration: DflagRegistrationProviders,
  isGlobal: boolean,
): DynamicModule {
  const generated = definition.providers ?? [];
  const module: DynamicModule = { ...definition, global: isGlobal };
  Object.defineProperties(module, {
    providers: {
      enumerable: true,
      get: () => [...generated, ...registration.providers()],
    },
    exports: { enumerable: true, get: () => registration.exports() },
  });
  return module;
}

/** The ConfigMap registration's log lines (not the test kit's: its in-memory engine has no volume to describe). */
const flagLogWriterProvider = {
  provide: FlagLogWriter,
  useFactory: (engine: DflagEngine, options: DflagModuleOptions) =>
    new FlagLogWriter(engine, options.logger ?? new Logger(DFLAG_LOGGER_CONTEXT)),
  inject: [DFLAG_ENGINE, DFLAG_MODULE_OPTIONS],
};

export const { ConfigurableModuleClass, MODULE_OPTIONS_TOKEN, OPTIONS_TYPE, ASYNC_OPTIONS_TYPE } =
  new ConfigurableModuleBuilder<DflagModuleOptions>({
    optionsInjectionToken: DFLAG_MODULE_OPTIONS,
  })
    .setClassMethodName('forRoot')
    .setExtras<DflagModuleExtras>(
      { isGlobal: false, name: DEFAULT_REGISTRATION },
      (definition, extras) =>
        withRegistrationProviders(
          definition,
          createDflagProviders(
            extras.name ?? DEFAULT_REGISTRATION,
            createConfigMapEngineProvider(),
            engineRegistry,
            [flagLogWriterProvider],
          ),
          extras.isGlobal ?? false,
        ),
    )
    .build();
