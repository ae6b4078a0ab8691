import { Inject } from '@nestjs/common';
import { DEFAULT_REGISTRATION, getFlagToken } from '../dflag.constants.js';
import { requestFlag } from './requested-flags.registry.js';

/**
 * InjectFlag injects the handle of one declared flag of the bound set:
 * `@InjectFlag('rate_limit') private readonly rateLimit: Flag<number>`.
 * Read `this.rateLimit.get()` where the value is used, not in the
 * constructor: the handle follows the ConfigMap, a copied value does not.
 * Nest reports an error naming the flag and the set when it is not declared.
 *
 * @param name the flag's name
 * @param registration the DflagModule registration's `name`
 * @default registration 'default'
 */
export function InjectFlag(
  name: string,
  registration: string = DEFAULT_REGISTRATION,
): PropertyDecorator & ParameterDecorator {
  requestFlag(registration, name);
  return Inject(getFlagToken(name, registration));
}
