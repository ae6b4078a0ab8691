import type { StandardSchemaV1 } from '@standard-schema/spec';

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

/** ValidationOutcome is either the (possibly converted) value or every problem found. */
export type ValidationOutcome = { ok: true; value: unknown } | { ok: false; issues: string[] };

/** CompiledValidator runs a validator synchronously on an already parsed value. */
export type CompiledValidator = (value: unknown) => ValidationOutcome;

interface JoiLike {
  $_root: unknown;
  validate(
    value: unknown,
    options: object,
  ): { value: unknown; error?: { details: Array<{ message: string }> } };
}

const isJoi = (v: unknown): v is JoiLike =>
  typeof v === 'object' &&
  v !== null &&
  '$_root' in v &&
  typeof (v as JoiLike).validate === 'function';

const isStandard = (v: unknown): v is StandardSchemaV1 =>
  typeof v === 'object' && v !== null && '~standard' in v;

/** AsyncValidatorError: a Standard Schema answered with a Promise; flags validate synchronously. */
export class AsyncValidatorError extends Error {
  override readonly name = 'AsyncValidatorError';
}

function issuePath(issue: StandardSchemaV1.Issue): string {
  if (!issue.path || issue.path.length === 0) return '';
  const parts = issue.path.map((p) => String(typeof p === 'object' ? p.key : p));
  return `${parts.join('.')}: `;
}

/**
 * compileValidator turns any accepted validator into one synchronous
 * function. Joi runs with `abortEarly: false` so that every problem of a
 * value is reported at once, not only the first one.
 */
export function compileValidator(validator: unknown): CompiledValidator | undefined {
  if (validator === undefined) return undefined;
  if (isJoi(validator)) {
    return (value) => {
      const result = validator.validate(value, { abortEarly: false });
      return result.error
        ? { ok: false, issues: result.error.details.map((d) => d.message) }
        : { ok: true, value: result.value };
    };
  }
  if (isStandard(validator)) {
    return (value) => {
      const result = validator['~standard'].validate(value);
      if (result instanceof Promise) {
        result.catch(() => undefined);
        throw new AsyncValidatorError(
          `the ${validator['~standard'].vendor} schema is asynchronous; flag validation must be synchronous`,
        );
      }
      return result.issues
        ? { ok: false, issues: result.issues.map((i) => `${issuePath(i)}${i.message}`) }
        : { ok: true, value: result.value };
    };
  }
  if (typeof validator === 'function') {
    const check = validator as FlagCheck<unknown>;
    return (value) => {
      let verdict: boolean | string | void;
      try {
        verdict = check(value);
      } catch (error) {
        return { ok: false, issues: [(error as Error).message ?? String(error)] };
      }
      if (verdict === false) return { ok: false, issues: ['rejected by the validator'] };
      if (typeof verdict === 'string') return { ok: false, issues: [verdict] };
      return { ok: true, value };
    };
  }
  throw new TypeError('validate must be a joi schema, a Standard Schema or a function');
}
