import type { CanActivate, ModuleMetadata, Provider, Type } from '@nestjs/common';
import { DEFAULT_REGISTRATION } from '../dflag.constants.js';
import { assertOptions } from '../options/check-options.util.js';
import type { DflagListingOptions } from './dflag-listing-options.interface.js';
import type { DflagSetterOptions } from './dflag-setter-options.interface.js';
import { DEFAULT_LISTING_PATH } from './listing.constants.js';
import { LISTING_OPTION_RULES } from './listing-option-rules.constant.js';
import { LISTING_WHERE } from './listing-messages.constant.js';
import { SETTER_WHERE } from './setter-messages.constant.js';
import { SETTER_OPTION_RULES } from './setter-option-rules.constant.js';

/** CheckedListingOptions are a listing's options, checked, every default filled in. */
export interface CheckedListingOptions {
  /** The route, without leading or trailing slash (as Nest joins it under the prefix). */
  readonly path: string;
  readonly name: string;
  readonly guards: ReadonlyArray<Type<CanActivate> | CanActivate>;
  /** Lower-cased extra host names, without a trailing dot; `'*'` turns the check off. */
  readonly allowedHosts: readonly string[];
  readonly imports: NonNullable<ModuleMetadata['imports']>;
  readonly providers: Provider[];
  /** The setter's options, checked (durations and the allow list are resolved at module init). */
  readonly setter: DflagSetterOptions | undefined;
}

/** trimSlashes gives a route as Nest compares it: `/debug/flags/` and `debug/flags` are one route. */
export const trimSlashes = (path: string): string => path.replace(/^\/+|\/+$/g, '');

/**
 * checkListingOptions checks what `DflagListingModule.register()` was given
 * (misspelt names and values of the wrong kind throw one `DflagSetupError`
 * listing every problem) and fills in the defaults.
 */
export function checkListingOptions(options: DflagListingOptions = {}): CheckedListingOptions {
  assertOptions(options, { where: LISTING_WHERE, rules: LISTING_OPTION_RULES });
  if (options.setter !== undefined)
    assertOptions(options.setter, { where: SETTER_WHERE, rules: SETTER_OPTION_RULES });
  return {
    path: trimSlashes(options.path ?? DEFAULT_LISTING_PATH),
    name: options.name ?? DEFAULT_REGISTRATION,
    guards: [...(options.guards ?? [])],
    allowedHosts: (options.allowedHosts ?? []).map((host) => host.toLowerCase().replace(/\.$/, '')),
    imports: [...(options.imports ?? [])],
    providers: [...(options.providers ?? [])],
    setter: options.setter && { ...options.setter, guards: [...options.setter.guards] },
  };
}
