import { parseDuration } from '../flags/codecs/duration.codec.js';
import { methodsRule } from '../options/option-rules.util.js';
import { MIN_TTL_MS } from '../runtime/min-ttl.constant.js';
import type { OptionRule, OptionRules } from '../options/option-rule.interface.js';
import { isGuard } from './is-guard.util.js';
import { setterMessages } from './setter-messages.constant.js';

const isDuration = (value: unknown): boolean => {
  if (typeof value !== 'string') return false;
  try {
    return parseDuration(value) >= MIN_TTL_MS;
  } catch {
    return false;
  }
};

const allowRule: OptionRule = {
  accepts: setterMessages.acceptsAllow,
  required: true,
  valid: (value) =>
    typeof value === 'function' ||
    (Array.isArray(value) && value.every((name) => typeof name === 'string')),
};

const guardsRule: OptionRule = {
  accepts: setterMessages.acceptsGuards,
  required: true,
  valid: (value) => Array.isArray(value) && value.length > 0 && value.every(isGuard),
};

const durationRule: OptionRule = { accepts: setterMessages.acceptsTtl, valid: isDuration };

/** The rules of the listing's `setter` option, in the order errors list them. */
export const SETTER_OPTION_RULES: OptionRules = {
  guards: guardsRule,
  allow: allowRule,
  allowSensitive: {
    accepts: setterMessages.acceptsAllowSensitive,
    valid: (value) => Array.isArray(value) && value.every((name) => typeof name === 'string'),
  },
  defaultTtl: durationRule,
  maxTtl: durationRule,
  clock: methodsRule(
    ['monotonicNow', 'wallNow', 'setTimer', 'clearTimer'],
    setterMessages.acceptsClock,
  ),
};

/** The setter option itself, as the listing's rules check it (its content is checked on its own). */
export const setterRule: OptionRule = {
  accepts: setterMessages.acceptsSetter,
  valid: (value) => typeof value === 'object' && value !== null && !Array.isArray(value),
};
