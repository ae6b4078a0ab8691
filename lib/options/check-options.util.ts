import { DflagSetupError } from '../errors/dflag-setup.error.js';
import { messages } from '../errors/messages.constant.js';
import { closestName } from './closest-name.util.js';
import { describeValue, quoteText } from './describe-value.util.js';
import type { OptionRules } from './option-rule.interface.js';

/** OptionCheck says how to check the options of one entry point. */
export interface OptionCheck {
  /** The entry point, as errors name it: `loadFlags()`, `new ConfigMapEngine()`. */
  readonly where: string;
  /** The rule of every option it accepts. */
  readonly rules: OptionRules;
  /**
   * What the entry point takes, for input that is not an options object.
   * @default 'an options object'
   */
  readonly expected?: string;
  /** Names that belong elsewhere, with where they go (instead of a "did you mean"). */
  readonly misplaced?: Readonly<Record<string, string>>;
}

/**
 * optionProblems lists every problem of `options`, one line each: refused
 * values in the rules' order, then names no rule knows (with the name they
 * are closest to). An option left `undefined` takes its default.
 */
export function optionProblems(options: unknown, check: OptionCheck): string[] {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    return [
      messages.optionsNotObject(
        check.expected ?? messages.acceptsOptionsObject,
        describeValue(options),
      ),
    ];
  }
  const given = options as Readonly<Record<string, unknown>>;
  const problems: string[] = [];
  for (const [name, rule] of Object.entries(check.rules)) {
    const value = given[name];
    if (value === undefined) {
      if (rule.required) problems.push(messages.missingOption(name, rule.accepts));
    } else if (!rule.valid(value)) {
      problems.push(
        messages.invalidOption(name, (rule.describe ?? describeValue)(value), rule.accepts),
      );
    }
  }
  const known = Object.keys(check.rules);
  for (const name of Object.keys(given)) {
    if (Object.hasOwn(check.rules, name)) continue;
    const hint = check.misplaced?.[name];
    problems.push(
      hint
        ? messages.misplacedOption(quoteText(name), check.where, hint)
        : messages.unknownOption(quoteText(name), check.where, closestName(name, known), known),
    );
  }
  return problems;
}

/**
 * assertOptions throws one {@link DflagSetupError} listing every problem of
 * `options` (the `extra` ones the caller found first), so that a typo fails
 * where the options are given rather than being silently ignored.
 */
export function assertOptions(
  options: unknown,
  check: OptionCheck,
  extra: readonly string[] = [],
): void {
  const problems = [...extra, ...optionProblems(options, check)];
  if (problems.length > 0)
    throw new DflagSetupError(messages.invalidOptions(check.where, problems));
}
