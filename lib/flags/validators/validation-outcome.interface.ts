/**
 * ValidatorRefusal says why a validator did not accept a value, keeping apart what the library
 * can say in its own words (`refused`, `async`) from text the validator produced (`issues`, the
 * value it threw), which may quote the value and so is never shown for a sensitive flag.
 */
export type ValidatorRefusal =
  /** The validator reported problems: their messages (third-party text). */
  | { readonly kind: 'issues'; readonly issues: readonly string[] }
  /** A check function answered `false`. */
  | { readonly kind: 'refused' }
  /** The validator threw: whatever it threw (third-party, maybe not even an Error). */
  | { readonly kind: 'threw'; readonly thrown: unknown }
  /**
   * The validator answered with a Promise. `vendor` names the Standard Schema library, and is
   * undefined for a check function.
   */
  | { readonly kind: 'async'; readonly vendor: string | undefined };

/** ValidationOutcome is either the (possibly converted) value or why it was refused. */
export type ValidationOutcome =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly refusal: ValidatorRefusal };

/** CompiledValidator runs a validator synchronously on an already parsed value; it never throws. */
export type CompiledValidator = (value: unknown) => ValidationOutcome;

/** accepted is the outcome of a value that passed. */
export const accepted = (value: unknown): ValidationOutcome => ({ ok: true, value });

/** refusedWith is the outcome of a value that did not pass. */
export const refusedWith = (refusal: ValidatorRefusal): ValidationOutcome => ({
  ok: false,
  refusal,
});

/** threw is the outcome of a validator that threw. */
export const threw = (thrown: unknown): ValidationOutcome => refusedWith({ kind: 'threw', thrown });
