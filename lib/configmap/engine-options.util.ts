import { messages } from '../errors/messages.constant.js';
import { FlagSet } from '../flags/flag-set.js';
import { assertOptions } from '../options/check-options.util.js';
import type { OptionRule } from '../options/option-rule.interface.js';
import {
  booleanRule,
  instanceRule,
  methodsRule,
  millisecondsRule,
  nonEmptyStringRule,
  oneOfRule,
} from '../options/option-rules.util.js';
import type {
  ConfigMapEngineOptions,
  EffectiveEngineOptions,
  InvalidValuePolicy,
} from './configmap-options.interface.js';

/** Defaults of {@link ConfigMapEngineOptions}. */
export const ENGINE_DEFAULTS = Object.freeze({
  onInvalid: 'keep-last-good',
  startOnInvalid: false,
  optional: false,
  resyncInterval: 5000,
  settleDelay: 100,
  usePolling: false,
} as const);

/** The effective engine options, in the order `status().options` lists them. */
export const ENGINE_SETTING_KEYS = Object.keys(ENGINE_DEFAULTS) as ReadonlyArray<
  keyof EffectiveEngineOptions
>;

const INVALID_VALUE_POLICIES = [
  'keep-last-good',
  'reject-version',
] as const satisfies readonly InvalidValuePolicy[];

/**
 * The shortest periodic check: below it, a check is mostly overhead, and a
 * small number is more often seconds meant as milliseconds (`5`).
 */
const MIN_RESYNC_MS = 10;
/** The longest periodic check (one day): a longer one is better turned off with `0`. */
const MAX_RESYNC_MS = 86_400_000;
/** The longest settle delay (one minute): edits unseen for longer look like a lost watcher. */
const MAX_SETTLE_MS = 60_000;

/** The rule of every engine option, in the order errors list them. */
export const ENGINE_OPTION_RULES = {
  path: nonEmptyStringRule(messages.acceptsPath, true),
  flagSet: instanceRule(FlagSet, messages.acceptsFlagSet, true),
  onInvalid: oneOfRule(INVALID_VALUE_POLICIES),
  startOnInvalid: {
    accepts: messages.acceptsStartOnInvalid,
    valid: (value) => typeof value === 'boolean' || value === 'unready',
  },
  optional: booleanRule,
  resyncInterval: millisecondsRule(MIN_RESYNC_MS, MAX_RESYNC_MS, 'one day', true),
  settleDelay: millisecondsRule(0, MAX_SETTLE_MS, 'one minute'),
  usePolling: booleanRule,
  logger: methodsRule(['log', 'warn', 'error'], messages.acceptsLogger),
} as const satisfies Record<keyof ConfigMapEngineOptions, OptionRule>;

/** withEngineDefaults fills every engine option left out with its default (no checks). */
export function withEngineDefaults(
  options: Partial<Pick<ConfigMapEngineOptions, keyof EffectiveEngineOptions>>,
): EffectiveEngineOptions {
  return Object.freeze({
    onInvalid: options.onInvalid ?? ENGINE_DEFAULTS.onInvalid,
    startOnInvalid: options.startOnInvalid ?? ENGINE_DEFAULTS.startOnInvalid,
    optional: options.optional ?? ENGINE_DEFAULTS.optional,
    resyncInterval: options.resyncInterval ?? ENGINE_DEFAULTS.resyncInterval,
    settleDelay: options.settleDelay ?? ENGINE_DEFAULTS.settleDelay,
    usePolling: options.usePolling ?? ENGINE_DEFAULTS.usePolling,
  });
}

/**
 * resolveEngineOptions checks every option an engine is given — each
 * value's kind and range, and that every name is an option — and returns
 * the effective ones (defaults filled in). Throws one `DflagSetupError`
 * listing every problem, with a "did you mean" for a misspelt name.
 *
 * @param where the entry point, as the error names it
 */
export function resolveEngineOptions(
  options: ConfigMapEngineOptions,
  where = 'new ConfigMapEngine()',
): EffectiveEngineOptions {
  assertOptions(options, { where, rules: ENGINE_OPTION_RULES });
  return withEngineDefaults(options);
}
