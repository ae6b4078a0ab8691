import type { FlagCheck } from '../validator.js';
import { ignoreSettlement, isThenable } from './thenable.util.js';
import type { CompiledValidator } from './validation-outcome.interface.js';
import { accepted, refusedWith, threw } from './validation-outcome.interface.js';

/**
 * checkFunctionValidator runs a plain check: `true` or nothing accepts, `false` or a message
 * refuses, and so does a throw of anything at all (`throw null` included). An `async` function
 * answers with a Promise, which is truthy: it would accept every value, so it is refused instead.
 */
export function checkFunctionValidator(check: FlagCheck<unknown>): CompiledValidator {
  return (value) => {
    let verdict: unknown;
    try {
      verdict = check(value);
    } catch (error) {
      return threw(error);
    }
    if (isThenable(verdict)) {
      ignoreSettlement(verdict);
      return refusedWith({ kind: 'async', vendor: undefined });
    }
    if (verdict === false) return refusedWith({ kind: 'refused' });
    if (typeof verdict === 'string') return refusedWith({ kind: 'issues', issues: [verdict] });
    return accepted(value);
  };
}
