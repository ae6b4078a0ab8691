import { Module } from '@nestjs/common';
import type { DynamicModule } from '@nestjs/common';
import { ConfigurableModuleClass, OPTIONS_TYPE } from './dflag.module-definition.js';

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
   */
  static override forRoot(pathOrOptions: string | typeof OPTIONS_TYPE): DynamicModule {
    return super.forRoot(
      typeof pathOrOptions === 'string' ? { path: pathOrOptions } : pathOrOptions,
    );
  }
}
