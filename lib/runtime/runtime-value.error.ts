import { DflagError, DflagErrorCode } from '../errors/dflag.error.js';

/**
 * Why the runtime setter refused a request, as the HTTP status that says it: `404` the name is
 * not declared or not settable, `409` the flag is static, `422` the value or the ttl is refused.
 */
export type RuntimeRefusal = 404 | 409 | 422;

/** RuntimeValueError is a refused runtime set or clear; its message says why and what would do. */
export class RuntimeValueError extends DflagError {
  override readonly name = 'RuntimeValueError';
  constructor(
    /** The HTTP status that says why (see {@link RuntimeRefusal}). */
    readonly status: RuntimeRefusal,
    message: string,
  ) {
    super(DflagErrorCode.RuntimeValue, message);
  }
}
