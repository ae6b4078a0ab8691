import { Inject } from '@nestjs/common';
import type { Type } from '@nestjs/common';
import { DEFAULT_REGISTRATION, getNamedFlagServiceToken } from '../dflag.constants.js';
import { FlagService } from '../flag.service.js';

/**
 * getFlagServiceToken is the token of a registration's FlagService: the
 * `FlagService` class for the default registration, a named token otherwise.
 */
export function getFlagServiceToken(
  registration: string = DEFAULT_REGISTRATION,
): Type<FlagService> | string {
  return registration === DEFAULT_REGISTRATION
    ? FlagService
    : getNamedFlagServiceToken(registration);
}

/**
 * InjectFlagService injects the FlagService of a named registration (a
 * second flag set): `@InjectFlagService('billing') billing: FlagService<typeof billingFlags>`.
 * The default registration's service needs no decorator.
 *
 * @param registration the DflagModule registration's `name`
 * @default registration 'default'
 */
export function InjectFlagService(
  registration: string = DEFAULT_REGISTRATION,
): PropertyDecorator & ParameterDecorator {
  return Inject(getFlagServiceToken(registration));
}
