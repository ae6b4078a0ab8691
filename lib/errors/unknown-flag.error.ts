import { DflagError, DflagErrorCode } from './dflag.error.js';
import { messages } from './messages.constant.js';

/** UnknownFlagError: a name that no flag of the set carries. */
export class UnknownFlagError extends DflagError {
  override readonly name = 'UnknownFlagError';
  constructor(
    readonly flag: string,
    where: string,
  ) {
    super(DflagErrorCode.UnknownFlag, messages.unknownFlag(flag, where));
  }
}
