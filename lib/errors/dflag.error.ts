/** Machine-readable codes of every error this library throws. */
export const DflagErrorCode = {
  /** A flag's declaration is wrong: {@link FlagDeclarationError}. */
  Declaration: 'DFLAG_DECLARATION',
  /** One refused value: {@link FlagValueError}. */
  InvalidValue: 'DFLAG_INVALID_VALUE',
  /** The command line's problems, all of them: a {@link FlagErrors} from `parseCommandLine()`. */
  CommandLine: 'DFLAG_COMMAND_LINE',
  /** The environment variables' problems: a {@link FlagErrors} from `loadEnvironment()`. */
  Environment: 'DFLAG_ENVIRONMENT',
  /** An `all-or-nothing` batch that was refused: a {@link FlagErrors} from `applyOrThrow()` or `override()` (`apply()` returns its errors instead). */
  Batch: 'DFLAG_BATCH',
  /** A name no flag of the set carries: {@link UnknownFlagError}. */
  UnknownFlag: 'DFLAG_UNKNOWN_FLAG',
  /** The ConfigMap directory could not be loaded at start (missing, vanished, refused values). */
  ConfigMap: 'DFLAG_CONFIGMAP',
  /** A ConfigMap or Secret manifest that `dflag apply` or `dflag validate` refuses. */
  Manifest: 'DFLAG_MANIFEST',
  /** The library is set up wrongly: {@link DflagSetupError}. */
  Setup: 'DFLAG_SETUP',
  /** A runtime set or clear the setter refuses (`RuntimeValueError`). */
  RuntimeValue: 'DFLAG_RUNTIME_VALUE',
} as const;
export type DflagErrorCode = (typeof DflagErrorCode)[keyof typeof DflagErrorCode];

/** DflagError is the base class of every error thrown by nestjs-dflag. */
export class DflagError extends Error {
  /** The class's name, as in `error.name` of the subclasses (`FlagValueError`, …). */
  override readonly name: string = 'DflagError';
  constructor(
    /** What kind of error this is, for code that handles it (see {@link DflagErrorCode}). */
    readonly code: DflagErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
