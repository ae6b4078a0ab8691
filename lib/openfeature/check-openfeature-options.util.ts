import { assertOptions } from '../options/check-options.util.js';
import type { OptionRule } from '../options/option-rule.interface.js';
import { booleanRule, nonEmptyStringRule } from '../options/option-rules.util.js';
import type { DflagOpenFeatureModuleOptions } from './dflag-openfeature-options.interface.js';
import { openFeatureMessages } from './openfeature-messages.constant.js';

const exposeSensitiveRule: OptionRule = {
  accepts: openFeatureMessages.acceptsExposeSensitive,
  valid: (value) =>
    typeof value === 'boolean' ||
    (Array.isArray(value) && value.every((name) => typeof name === 'string' && name.length > 0)),
};

/** The rules of `DflagOpenFeatureModule.forRoot()`'s options. */
export const OPENFEATURE_OPTION_RULES = {
  domain: nonEmptyStringRule(openFeatureMessages.acceptsDomain, true),
  name: nonEmptyStringRule(openFeatureMessages.acceptsRegistration),
  exposeSensitive: exposeSensitiveRule,
  isGlobal: booleanRule,
} as const satisfies Record<keyof DflagOpenFeatureModuleOptions, OptionRule>;

/** OPENFEATURE_FOR_ROOT names the entry point in errors. */
export const OPENFEATURE_FOR_ROOT = 'DflagOpenFeatureModule.forRoot()';

/**
 * checkOpenFeatureOptions checks what `DflagOpenFeatureModule.forRoot()` was given, and throws
 * one `DflagSetupError` listing every problem (a misspelt name with the closest one).
 */
export function checkOpenFeatureOptions(
  options: DflagOpenFeatureModuleOptions,
): DflagOpenFeatureModuleOptions {
  assertOptions(options, { where: OPENFEATURE_FOR_ROOT, rules: OPENFEATURE_OPTION_RULES });
  return options;
}
