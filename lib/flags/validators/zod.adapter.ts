import type { StandardSchemaV1 } from '@standard-schema/spec';
import { issueText } from './standard-schema.adapter.js';
import type { CompiledValidator } from './validation-outcome.interface.js';
import { accepted, refusedWith, threw } from './validation-outcome.interface.js';

/** ZodLike is the part of a zod (v3 or v4) schema the adapter uses. */
interface ZodLike extends StandardSchemaV1 {
  safeParse(
    value: unknown,
  ):
    | { success: true; data: unknown }
    | { success: false; error: { issues: ReadonlyArray<{ message: unknown; path?: unknown[] }> } };
}

/** isZod tells whether a Standard Schema is a zod schema with its synchronous `safeParse`. */
export const isZod = (schema: StandardSchemaV1): schema is ZodLike => {
  try {
    return (
      schema['~standard'].vendor === 'zod' &&
      typeof (schema as Partial<ZodLike>).safeParse === 'function'
    );
  } catch {
    return false;
  }
};

/**
 * isZodAsyncError tells zod's "this schema is asynchronous" error (`$ZodAsyncError` in v4; in v3
 * an Error saying an asynchronous refinement was met during a synchronous parse) from an error
 * that the schema's own code (a refine, a transform) threw.
 */
function isZodAsyncError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return (
    error.constructor.name === '$ZodAsyncError' || /during synchronous parse/i.test(error.message)
  );
}

/**
 * zodValidator runs a zod schema through its synchronous `safeParse`. Why not `~standard`: zod's
 * Standard Schema entry point catches anything a refine or transform throws and answers with a
 * Promise instead (running the schema again, asynchronously), so a throwing check would look like
 * an asynchronous schema. `safeParse` lets the throw through, and throws zod's own error for a
 * schema that really is asynchronous.
 */
export function zodValidator(schema: ZodLike): CompiledValidator {
  return (value) => {
    try {
      const result = schema.safeParse(value);
      if (result.success) return accepted(result.data);
      return refusedWith({ kind: 'issues', issues: result.error.issues.map(issueText) });
    } catch (error) {
      return isZodAsyncError(error) ? refusedWith({ kind: 'async', vendor: 'zod' }) : threw(error);
    }
  };
}
