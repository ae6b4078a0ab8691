import { DflagError, DflagErrorCode } from './dflag.error.js';

/**
 * DflagSetupError is a mistake in how the Nest module is wired: a missing
 * `EventEmitterModule`, a flag set bound to two directories, handles that do
 * not belong to the bound set. Its message says what to change.
 */
export class DflagSetupError extends DflagError {
  override readonly name = 'DflagSetupError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(DflagErrorCode.Setup, message, options);
  }
}
