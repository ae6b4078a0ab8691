import type { StandardSchemaV1 } from '@standard-schema/spec';
import { checkFunctionValidator } from './validators/check-function.adapter.js';
import { isJoi, joiValidator } from './validators/joi.adapter.js';
import { isStandardSchema, standardSchemaValidator } from './validators/standard-schema.adapter.js';
import type { CompiledValidator } from './validators/validation-outcome.interface.js';
import { isZod, zodValidator } from './validators/zod.adapter.js';

export type {
  CompiledValidator,
  ValidationOutcome,
  ValidatorRefusal,
} from './validators/validation-outcome.interface.js';

/**
 * FlagCheck is a plain validation function: return `true` or nothing when the
 * value is acceptable, `false` or a message when it is not (or throw).
 */
export type FlagCheck<T> = (value: T) => boolean | string | void;

/**
 * FlagValidator is what `validate` accepts: a joi schema, any synchronous
 * Standard Schema (zod, valibot, arktype, …) or a {@link FlagCheck}.
 */
export type FlagValidator<T> = StandardSchemaV1<unknown, T> | FlagCheck<T>;

/**
 * compileValidator turns any accepted validator into one synchronous function that never
 * throws: whatever the validator does — reports issues, answers `false`, throws anything, answers
 * with a Promise — becomes an outcome the flag turns into a refusal naming flag and file.
 */
export function compileValidator(validator: unknown): CompiledValidator | undefined {
  if (validator === undefined) return undefined;
  if (isJoi(validator)) return joiValidator(validator);
  if (isStandardSchema(validator)) {
    return isZod(validator) ? zodValidator(validator) : standardSchemaValidator(validator);
  }
  if (typeof validator === 'function')
    return checkFunctionValidator(validator as FlagCheck<unknown>);
  throw new TypeError('validate must be a joi schema, a Standard Schema or a function');
}
