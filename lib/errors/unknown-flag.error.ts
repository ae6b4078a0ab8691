import { DflagError, DflagErrorCode } from './dflag.error.js';
import { messages } from './messages.constant.js';

/** UnknownFlagError: a name that no flag of the set carries. */
export class UnknownFlagError extends DflagError {
  /** Always `'UnknownFlagError'`. */
  override readonly name = 'UnknownFlagError';
  constructor(
    /** The name that was asked for. */
    readonly flag: string,
    where: string,
  ) {
    super(DflagErrorCode.UnknownFlag, messages.unknownFlag(flag, where));
  }
}
