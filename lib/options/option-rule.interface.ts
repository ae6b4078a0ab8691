/**
 * OptionRule says which values one option accepts: `valid` decides, and
 * `accepts` says it in words for the error. An option left out (or
 * `undefined`) takes its default and is not checked, unless `required`.
 */
export interface OptionRule {
  /** What would be accepted, as the error shows it: e.g. `true or false`. */
  readonly accepts: string;
  /** valid tells whether a given value (never `undefined`) is accepted. */
  readonly valid: (value: unknown) => boolean;
  /**
   * describe says what a refused value is, when the generic description
   * (see `describeValue`) would not tell why it is refused.
   * @default describeValue
   */
  readonly describe?: (value: unknown) => string;
  /**
   * Whether the option must be given.
   * @default false
   */
  readonly required?: boolean;
}

/** OptionRules are the rules of every option an entry point accepts, in the order errors list them. */
export type OptionRules = Readonly<Record<string, OptionRule>>;
