import { Module } from '@nestjs/common';
import type { DynamicModule } from '@nestjs/common';
import { checkOpenFeatureOptions } from './check-openfeature-options.util.js';
import type { DflagOpenFeatureModuleOptions } from './dflag-openfeature-options.interface.js';
import { DflagOpenFeatureRegistrar } from './dflag-openfeature.registrar.js';
import { DFLAG_OPENFEATURE_OPTIONS, getOpenFeatureClientToken } from './openfeature.constants.js';
import { openFeatureSdk } from './openfeature-sdk.js';

/**
 * DflagOpenFeatureModule registers the flags of a DflagModule registration on OpenFeature,
 * under a domain of your choice, and provides that domain's client:
 *
 * ```ts
 * imports: [DflagModule.forRoot('/etc/dflag'), DflagOpenFeatureModule.forRoot({ domain: 'flags' })]
 * // then: constructor(@InjectOpenFeatureClient('flags') private readonly flags: Client) {}
 * ```
 */
@Module({})
export class DflagOpenFeatureModule {
  /**
   * forRoot checks the options (a misspelt name or a value of the wrong kind throws a
   * `DflagSetupError` naming it) and returns the module.
   */
  static forRoot(options: DflagOpenFeatureModuleOptions): DynamicModule {
    const { domain, isGlobal = false } = checkOpenFeatureOptions(options);
    const clientToken = getOpenFeatureClientToken(domain);
    return {
      module: DflagOpenFeatureModule,
      global: isGlobal,
      providers: [
        { provide: DFLAG_OPENFEATURE_OPTIONS, useValue: options },
        DflagOpenFeatureRegistrar,
        // A client finds its domain's provider at each evaluation: it may be made before registration.
        { provide: clientToken, useFactory: () => openFeatureSdk.OpenFeature.getClient(domain) },
      ],
      exports: [clientToken],
    };
  }
}
