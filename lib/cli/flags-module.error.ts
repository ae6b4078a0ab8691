/**
 * FlagsModuleError: the flags module given to `dflag validate --flags` cannot be loaded or exports
 * no usable flag set, so nothing could be checked; the CLI prints its message and exits with 2.
 */
export class FlagsModuleError extends Error {
  override readonly name = 'FlagsModuleError';
}
