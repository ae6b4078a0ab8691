import type { DflagProviderOptions } from './dflag-provider-options.interface.js';

/** DflagOpenFeatureModuleOptions registers a DflagModule registration's flags on OpenFeature. */
export interface DflagOpenFeatureModuleOptions extends DflagProviderOptions {
  /**
   * The OpenFeature domain the provider is registered under; clients of that domain
   * (`OpenFeature.getClient(domain)`, `@InjectOpenFeatureClient(domain)`) read these flags.
   * OpenFeature's API is one per process: two applications in one process need two domains.
   */
  domain: string;
  /**
   * The DflagModule registration whose flags are served (its `name`), for a second flag set.
   * @default 'default'
   */
  name?: string;
  /**
   * Whether the injectable client is visible to every module (else to the importing module).
   * @default false
   */
  isGlobal?: boolean;
}
