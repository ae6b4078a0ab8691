import type { StandardSchemaV1 } from '@standard-schema/spec';
import { ignoreSettlement, isThenable } from './thenable.util.js';
import type { CompiledValidator } from './validation-outcome.interface.js';
import { accepted, refusedWith, threw } from './validation-outcome.interface.js';

/** isStandardSchema tells whether a validator implements Standard Schema (`~standard`). */
export const isStandardSchema = (v: unknown): v is StandardSchemaV1 =>
  typeof v === 'object' && v !== null && '~standard' in v;

/** issueText writes one issue as `path: message` (or the message alone at the root). */
export function issueText(issue: { message: unknown; path?: ReadonlyArray<unknown> }): string {
  const path = (issue.path ?? []).map((p) =>
    String(typeof p === 'object' && p !== null ? (p as { key: unknown }).key : p),
  );
  return path.length === 0 ? String(issue.message) : `${path.join('.')}: ${String(issue.message)}`;
}

/** vendorOf names a Standard Schema's library, for messages. */
export function vendorOf(schema: StandardSchemaV1): string {
  try {
    return String(schema['~standard'].vendor);
  } catch {
    return 'Standard Schema';
  }
}

/**
 * standardSchemaValidator runs any Standard Schema synchronously. A throw is a refusal; only an
 * answer that is a Promise is asynchronous (refused at declaration when the default gets one;
 * afterwards, a refusal of the one value that got it).
 */
export function standardSchemaValidator(schema: StandardSchemaV1): CompiledValidator {
  const vendor = vendorOf(schema);
  return (value) => {
    try {
      const result = schema['~standard'].validate(value);
      if (isThenable(result)) {
        ignoreSettlement(result);
        return refusedWith({ kind: 'async', vendor });
      }
      if (result.issues === undefined) return accepted(result.value);
      return result.issues.length === 0
        ? refusedWith({ kind: 'refused' })
        : refusedWith({ kind: 'issues', issues: result.issues.map(issueText) });
    } catch (error) {
      return threw(error);
    }
  };
}
