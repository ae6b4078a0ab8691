import { ENGINE_OPTION_RULES } from '../configmap/engine-options.util.js';
import type { DflagModuleExtras, DflagOptions } from '../dflag-options.interface.js';
import type { ASYNC_OPTIONS_TYPE } from '../dflag.module-definition.js';
import { messages } from '../errors/messages.constant.js';
import { Flag } from '../flags/flag.js';
import { FlagSet } from '../flags/flag-set.js';
import type { OptionRule } from './option-rule.interface.js';
import {
  anyRule,
  arrayRule,
  booleanRule,
  functionRule,
  instanceRule,
  nonEmptyStringRule,
} from './option-rules.util.js';

/** The handles of `flags`: an object whose every value is a flag. */
const flagsRule: OptionRule = {
  accepts: messages.acceptsFlags,
  valid: (value) =>
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).every((handle) => handle instanceof Flag),
};

const LOG_LEVEL_KEYS: Readonly<Record<string, (value: unknown) => boolean>> = {
  flag: (value) => typeof value === 'string' && value.length > 0,
  onChange: (value) => typeof value === 'function',
};

/** `logLevel`: a boolean, or an object of known keys only, each of the right kind. */
const logLevelRule: OptionRule = {
  accepts: messages.acceptsLogLevel,
  valid: (value) =>
    typeof value === 'boolean' ||
    (typeof value === 'object' &&
      value !== null &&
      !Array.isArray(value) &&
      Object.entries(value).every(
        ([key, given]) =>
          given === undefined ||
          (Object.hasOwn(LOG_LEVEL_KEYS, key) && LOG_LEVEL_KEYS[key]?.(given)),
      )),
};

/** The rules of {@link DflagOptions} (`loadFlags()`, and what `forRootAsync()`'s factory returns). */
export const DFLAG_OPTION_RULES = {
  path: ENGINE_OPTION_RULES.path,
  // Optional here: the default set, or the set the `flags` handles belong to.
  flagSet: instanceRule(FlagSet, messages.acceptsFlagSet),
  flags: flagsRule,
  onInvalid: ENGINE_OPTION_RULES.onInvalid,
  startOnInvalid: ENGINE_OPTION_RULES.startOnInvalid,
  optional: ENGINE_OPTION_RULES.optional,
  resyncInterval: ENGINE_OPTION_RULES.resyncInterval,
  settleDelay: ENGINE_OPTION_RULES.settleDelay,
  usePolling: ENGINE_OPTION_RULES.usePolling,
  logger: ENGINE_OPTION_RULES.logger,
  logLevel: logLevelRule,
} as const satisfies Record<keyof DflagOptions, OptionRule>;

const EXTRAS_RULES = {
  isGlobal: booleanRule,
  name: nonEmptyStringRule(messages.acceptsRegistrationName),
} as const satisfies Record<keyof DflagModuleExtras, OptionRule>;

/** The rules of `DflagModule.forRoot()`'s options: {@link DflagOptions} and the extras. */
export const FOR_ROOT_OPTION_RULES = {
  ...DFLAG_OPTION_RULES,
  ...EXTRAS_RULES,
} as const satisfies Record<keyof DflagOptions | keyof DflagModuleExtras, OptionRule>;

/** The rules of `DflagModule.forRootAsync()`'s own options (what provides the options, and the extras). */
export const FOR_ROOT_ASYNC_OPTION_RULES = {
  imports: arrayRule(messages.acceptsArrayOf('modules')),
  inject: arrayRule(messages.acceptsArrayOf('injection tokens')),
  provideInjectionTokensFrom: arrayRule(messages.acceptsArrayOf('providers')),
  useFactory: functionRule(messages.acceptsFactory),
  useClass: functionRule(messages.acceptsClass),
  useExisting: anyRule(messages.acceptsToken),
  ...EXTRAS_RULES,
} as const satisfies Record<keyof typeof ASYNC_OPTIONS_TYPE, OptionRule>;

/** The extras, where a factory's result holds them: they shape the module before any factory runs. */
export const EXTRAS_IN_FACTORY: Readonly<Record<string, string>> = Object.fromEntries(
  Object.keys(EXTRAS_RULES).map((name) => [name, messages.extraInFactory(name)]),
);
