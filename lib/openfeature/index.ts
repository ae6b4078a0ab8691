/**
 * An OpenFeature provider over a flag set (needs `@openfeature/server-sdk`).
 *
 * @packageDocumentation
 * @module nestjs-dflag/openfeature
 */
export { DflagProvider, DFLAG_PROVIDER_NAME } from './dflag.provider.js';
export type { DflagProviderOptions } from './dflag-provider-options.interface.js';
export type { DflagProviderSource } from './dflag-provider-source.interface.js';
export type { DflagResolutionReason } from './resolution-reason.util.js';
export { DflagOpenFeatureModule } from './dflag-openfeature.module.js';
export type { DflagOpenFeatureModuleOptions } from './dflag-openfeature-options.interface.js';
export { DflagOpenFeatureRegistrar } from './dflag-openfeature.registrar.js';
export { InjectOpenFeatureClient } from './inject-openfeature-client.decorator.js';
export { DFLAG_OPENFEATURE_OPTIONS, getOpenFeatureClientToken } from './openfeature.constants.js';
