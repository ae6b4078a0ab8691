/** Machine-readable codes of every error this library throws. */
export const DflagErrorCode = {
  Declaration: 'DFLAG_DECLARATION',
  InvalidValue: 'DFLAG_INVALID_VALUE',
  CommandLine: 'DFLAG_COMMAND_LINE',
  Environment: 'DFLAG_ENVIRONMENT',
  Batch: 'DFLAG_BATCH',
  UnknownFlag: 'DFLAG_UNKNOWN_FLAG',
  ConfigMap: 'DFLAG_CONFIGMAP',
  Manifest: 'DFLAG_MANIFEST',
  Setup: 'DFLAG_SETUP',
  RuntimeValue: 'DFLAG_RUNTIME_VALUE',
} as const;
export type DflagErrorCode = (typeof DflagErrorCode)[keyof typeof DflagErrorCode];

/** DflagError is the base class of every error thrown by nestjs-dflag. */
export class DflagError extends Error {
  override readonly name: string = 'DflagError';
  constructor(
    readonly code: DflagErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
