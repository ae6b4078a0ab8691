import { messages } from '../errors/messages.constant.js';
import { describeValue } from './describe-value.util.js';
import type { OptionRule } from './option-rule.interface.js';

/** booleanRule accepts `true` or `false` (not `'false'`, not `0`). */
export const booleanRule: OptionRule = {
  accepts: messages.acceptsBoolean,
  valid: (value) => typeof value === 'boolean',
};

/** oneOfRule accepts exactly one of the listed strings. */
export function oneOfRule(values: readonly string[]): OptionRule {
  return {
    accepts: messages.acceptsOneOf(values),
    valid: (value) => typeof value === 'string' && values.includes(value),
  };
}

/**
 * millisecondsRule accepts an integer number of milliseconds within
 * `[min, max]`, and `0` too when `zeroIsOff`. NaN, infinities, fractions
 * and strings are refused: a timer given one of them would fire every
 * millisecond.
 */
export function millisecondsRule(
  min: number,
  max: number,
  maxInWords: string,
  zeroIsOff = false,
): OptionRule {
  return {
    accepts: messages.acceptsMilliseconds(min, max, maxInWords, zeroIsOff),
    valid: (value) =>
      Number.isInteger(value) &&
      ((zeroIsOff && value === 0) || ((value as number) >= min && (value as number) <= max)),
  };
}

/** nonEmptyStringRule accepts a string with at least one character. */
export function nonEmptyStringRule(accepts: string, required = false): OptionRule {
  return { accepts, required, valid: (value) => typeof value === 'string' && value.length > 0 };
}

/** instanceRule accepts an instance of the class. */
export function instanceRule(
  type: abstract new (...args: never[]) => unknown,
  accepts: string,
  required = false,
): OptionRule {
  return { accepts, required, valid: (value) => value instanceof type };
}

/** methodsRule accepts an object with every one of the methods. */
export function methodsRule(methods: readonly string[], accepts: string): OptionRule {
  const lacking = (value: unknown): string[] =>
    methods.filter(
      (method) => typeof (value as Record<string, unknown> | null)?.[method] !== 'function',
    );
  return {
    accepts,
    valid: (value) => typeof value === 'object' && value !== null && lacking(value).length === 0,
    describe: (value) =>
      typeof value === 'object' && value !== null && !Array.isArray(value)
        ? messages.objectLacks(lacking(value))
        : describeValue(value),
  };
}

/** arrayRule accepts an array. */
export function arrayRule(accepts: string): OptionRule {
  return { accepts, valid: (value) => Array.isArray(value) };
}

/** functionRule accepts a function (or a class). */
export function functionRule(accepts: string): OptionRule {
  return { accepts, valid: (value) => typeof value === 'function' };
}

/** anyRule accepts any value that is given. */
export function anyRule(accepts: string): OptionRule {
  return { accepts, valid: () => true };
}
