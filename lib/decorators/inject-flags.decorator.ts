import { Inject } from '@nestjs/common';
import { DEFAULT_REGISTRATION, getFlagsToken } from '../dflag.constants.js';

/**
 * InjectFlags injects the handles of every flag of the bound set, keyed by
 * name — the same shape `defineFlags()` returns, so type it with your group:
 * `@InjectFlags() private readonly flags: typeof appFlags`, then read
 * `this.flags.rate_limit.get()` each time the value is used.
 *
 * @param registration the DflagModule registration's `name`
 * @default registration 'default'
 */
export function InjectFlags(
  registration: string = DEFAULT_REGISTRATION,
): PropertyDecorator & ParameterDecorator {
  return Inject(getFlagsToken(registration));
}
