import type { CompiledValidator } from './validation-outcome.interface.js';
import { accepted, refusedWith, threw } from './validation-outcome.interface.js';

/** JoiLike is the part of a joi schema the adapter uses. */
export interface JoiLike {
  $_root: unknown;
  validate(
    value: unknown,
    options: object,
  ): { value: unknown; error?: { details: Array<{ message: string }> } };
}

/** isJoi tells whether a validator is a joi schema. */
export const isJoi = (v: unknown): v is JoiLike =>
  typeof v === 'object' &&
  v !== null &&
  '$_root' in v &&
  typeof (v as JoiLike).validate === 'function';

/**
 * joiValidator runs a joi schema with `abortEarly: false`, so that every problem of a value is
 * reported at once, not only the first one. A throw (a schema with external rules, which only
 * `validateAsync` runs) is a refusal like any other.
 */
export function joiValidator(schema: JoiLike): CompiledValidator {
  return (value) => {
    try {
      const result = schema.validate(value, { abortEarly: false });
      if (!result.error) return accepted(result.value);
      return refusedWith({
        kind: 'issues',
        issues: result.error.details.map((d) => String(d.message)),
      });
    } catch (error) {
      return threw(error);
    }
  };
}
