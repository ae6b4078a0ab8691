import { Inject } from '@nestjs/common';
import { getOpenFeatureClientToken } from './openfeature.constants.js';

/**
 * InjectOpenFeatureClient injects the OpenFeature `Client` of the domain a
 * `DflagOpenFeatureModule.forRoot({ domain })` registered the provider under:
 * `@InjectOpenFeatureClient('flags') client: Client`.
 *
 * @param domain the domain given to `DflagOpenFeatureModule.forRoot()`
 */
export function InjectOpenFeatureClient(domain: string): PropertyDecorator & ParameterDecorator {
  return Inject(getOpenFeatureClientToken(domain));
}
