/** DFLAG_MODULE_OPTIONS is the injection token of a DflagModule's options (namespaced like Terminus's). */
export const DFLAG_MODULE_OPTIONS = 'DFLAG:MODULE_OPTIONS';

/**
 * DFLAG_ENGINE is the module-local token of the engine that keeps a flag set
 * in step with its source. Never exported: every DflagModule registration
 * has its own, so two registrations in one app do not collide.
 */
export const DFLAG_ENGINE = 'DFLAG:ENGINE';

/**
 * DEFAULT_REGISTRATION names a DflagModule registration when `name` is not
 * given. Its FlagService is injected by class (`FlagService`).
 */
export const DEFAULT_REGISTRATION = 'default';

/** DEFAULT_HEALTH_KEY is the key of the health indicator's result (`{ dflag: { status } }`). */
export const DEFAULT_HEALTH_KEY = 'dflag';

/** The logger context of the module's messages. */
export const DFLAG_LOGGER_CONTEXT = 'DflagModule';

const prefix = (registration: string): string => `DFLAG:${registration}`;

/** getFlagSetToken is the token of the FlagSet bound by a registration (see `@InjectFlagSet()`). */
export const getFlagSetToken = (registration: string = DEFAULT_REGISTRATION): string =>
  `${prefix(registration)}:FLAG_SET`;

/** getFlagsToken is the token of the handles of every flag of a registration's set (see `@InjectFlags()`). */
export const getFlagsToken = (registration: string = DEFAULT_REGISTRATION): string =>
  `${prefix(registration)}:FLAGS`;

/** getFlagToken is the token of one flag's handle (see `@InjectFlag(name)`). */
export const getFlagToken = (flag: string, registration: string = DEFAULT_REGISTRATION): string =>
  `${prefix(registration)}:FLAG:${flag}`;

/** getNamedFlagServiceToken is the token of a named registration's FlagService. */
export const getNamedFlagServiceToken = (registration: string): string =>
  `${prefix(registration)}:FLAG_SERVICE`;
