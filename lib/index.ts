export { flag } from './flags/flag-spec.js';
export type {
  FlagOptions,
  FlagOptionsBase,
  FlagSpec,
  FloatOptionsExtra,
  PlainFlagOptions,
  SchemaFlagOptions,
} from './flags/flag-spec.js';
export { Flag } from './flags/flag.js';
export { FlagSet } from './flags/flag-set.js';
export type { BatchOptions, FlagSetOptions } from './flags/flag-set.js';
export { defaultFlagSet } from './flags/default-flag-set.js';
export { defineFlags } from './flags/define-flags.js';
export type { DefinedFlags, FlagValue } from './flags/define-flags.js';
export type { FlagChange, FlagChangeListener } from './flags/flag-change.interface.js';
export type { BatchPolicy, BatchResult, FlagUpdate } from './flags/flag-update.interface.js';
export type { FlagKind, RawValue } from './flags/flag-kind.js';
export { FLAG_SOURCES } from './flags/flag-source.js';
export type { FlagSource } from './flags/flag-source.js';
export type { FlagCheck, FlagValidator } from './flags/validator.js';
export type { CommandLineResult } from './flags/command-line.js';
export type { EnvironmentOptions } from './flags/environment.js';
export { environmentName } from './flags/environment.js';
export { redact, REDACTED } from './flags/redact.util.js';
export { parseDuration, formatDuration } from './flags/codecs/duration.codec.js';
export { FrozenSet } from './flags/codecs/frozen-set.js';
export { DflagError, DflagErrorCode } from './errors/dflag.error.js';
export { FlagDeclarationError } from './errors/flag-declaration.error.js';
export { FlagValueError } from './errors/flag-value.error.js';
export { FlagErrors } from './errors/flag-errors.error.js';
export { UnknownFlagError } from './errors/unknown-flag.error.js';

// ConfigMap engine (framework-free)
export { ConfigMapEngine, ENGINE_DEFAULTS } from './configmap/configmap-engine.js';
export type {
  ConfigMapEngineOptions,
  InvalidValuePolicy,
} from './configmap/configmap-options.interface.js';
export type {
  ConfigMapStatus,
  VolumeLayout,
  WatchMode,
} from './configmap/configmap-status.interface.js';
export type {
  FlagChecksums,
  ReloadReport,
  ReloadResult,
  ReloadTrigger,
} from './configmap/reload-report.interface.js';
export type { DflagLogger } from './configmap/dflag-logger.interface.js';
