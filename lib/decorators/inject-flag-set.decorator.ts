import { Inject } from '@nestjs/common';
import { DEFAULT_REGISTRATION, getFlagSetToken } from '../dflag.constants.js';

/**
 * InjectFlagSet injects the FlagSet a DflagModule registration binds.
 *
 * @param registration the DflagModule registration's `name`
 * @default registration 'default'
 */
export function InjectFlagSet(
  registration: string = DEFAULT_REGISTRATION,
): PropertyDecorator & ParameterDecorator {
  return Inject(getFlagSetToken(registration));
}
