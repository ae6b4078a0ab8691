import { Module } from '@nestjs/common';
import type { DynamicModule } from '@nestjs/common';
import {
  ASYNC_OPTIONS_TYPE,
  ConfigurableModuleClass,
  OPTIONS_TYPE,
} from './dflag.module-definition.js';
import {
  checkAsyncOptions,
  checkDflagOptions,
  OPTION_SOURCES,
} from './options/check-dflag-options.util.js';

/**
 * DflagModule binds a flag set to a mounted ConfigMap in a Nest application:
 * it loads the ConfigMap before the providers that depend on it are built,
 * watches it from bootstrap, emits `flag.changed` and `flag.reloaded` on the
 * event bus, provides `FlagService` and the flag handles, and stops with
 * the application.
 *
 * ```ts
 * DflagModule.forRoot('/etc/dflag')                      // the default flag set
 * DflagModule.forRoot({ path, flagSet, onInvalid: 'reject-version', isGlobal: true })
 * DflagModule.forRootAsync({ imports, inject, useFactory })
 * ```
 */
@Module({})
export class DflagModule extends ConfigurableModuleClass {
  /**
   * forRoot binds the default flag set to a directory (given as a string),
   * or binds with options (see `DflagModuleOptions` and `DflagModuleExtras`).
   * The options are checked here: a value of the wrong kind or a misspelt
   * name throws a `DflagSetupError` naming it.
   */
  static override forRoot(pathOrOptions: string | typeof OPTIONS_TYPE): DynamicModule {
    return super.forRoot(checkDflagOptions(pathOrOptions, OPTION_SOURCES.forRoot));
  }

  /**
   * forRootAsync binds with options a factory (`useFactory`, or a class's
   * `create()`) provides. Its own options are checked here, and the
   * factory's result before anything is read.
   */
  static override forRootAsync(options: typeof ASYNC_OPTIONS_TYPE): DynamicModule {
    checkAsyncOptions(options);
    return super.forRootAsync(options);
  }
}
