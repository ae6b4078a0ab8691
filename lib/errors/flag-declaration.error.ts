import { DflagError, DflagErrorCode } from './dflag.error.js';

/**
 * FlagDeclarationError is a programming error in a flag's declaration: a bad
 * or duplicate name, an invalid default, an asynchronous validator. It is
 * thrown at once, where the flag is declared.
 */
export class FlagDeclarationError extends DflagError {
  /** Always `'FlagDeclarationError'`. */
  override readonly name = 'FlagDeclarationError';
  constructor(
    /** The name of the flag being declared. */
    readonly flag: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(DflagErrorCode.Declaration, message, options);
  }
}
