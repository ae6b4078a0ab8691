import { DflagError, DflagErrorCode } from './dflag.error.js';

/**
 * DflagSetupError is a mistake in how the library is set up: an option of
 * the wrong kind or a misspelt one, a missing `EventEmitterModule`, a flag
 * set bound to two directories or watched by two applications, handles that
 * do not belong to the bound set. Its message says what to change.
 */
export class DflagSetupError extends DflagError {
  /** Always `'DflagSetupError'`. */
  override readonly name = 'DflagSetupError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(DflagErrorCode.Setup, message, options);
  }
}
