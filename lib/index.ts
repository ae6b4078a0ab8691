/**
 * Dynamic, typed, validated flags for NestJS, driven by a mounted Kubernetes ConfigMap: the flag model, the ConfigMap engine, the Nest module, its decorators and the listing endpoint.
 *
 * @packageDocumentation
 * @module nestjs-dflag
 */
export { flag } from './flags/flag-spec.js';
export type {
  DeepReadonly,
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
export { parseCommandLineOrExit } from './flags/parse-command-line-or-exit.util.js';
export type { CommandLineExitOptions } from './flags/parse-command-line-or-exit.util.js';
export type { EnvironmentOptions } from './flags/environment.js';
export { environmentName } from './flags/environment.js';
export { redact, REDACTED, redactReason, WITHHELD_REASON } from './flags/redact.util.js';
export { parseDuration, formatDuration } from './flags/codecs/duration.codec.js';
export { FrozenSet } from './flags/codecs/frozen-set.js';
export { DflagError, DflagErrorCode } from './errors/dflag.error.js';
export { FlagDeclarationError } from './errors/flag-declaration.error.js';
export { FlagValueError } from './errors/flag-value.error.js';
export type { FlagValueErrorDetails } from './errors/flag-value.error.js';
export { FlagErrors } from './errors/flag-errors.error.js';
export { UnknownFlagError } from './errors/unknown-flag.error.js';

// ConfigMap engine (framework-free)
export { ConfigMapEngine, ENGINE_DEFAULTS } from './configmap/configmap-engine.js';
export type {
  ConfigMapEngineOptions,
  EffectiveEngineOptions,
  InvalidValuePolicy,
  StartOnInvalid,
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

// Nest module
export { DflagModule } from './dflag.module.js';
export type {
  DflagModuleExtras,
  DflagModuleOptions,
  DflagOptions,
} from './dflag-options.interface.js';
export { loadFlags } from './load-flags.js';
export { DEFAULT_LOG_LEVEL_FLAG, logLevelFlag } from './log-level/log-level-flag.js';
export type { LogLevelFlagOptions } from './log-level/log-level-flag.js';
export type { LogLevelOption, LogLevelOptions } from './log-level/log-level-options.interface.js';
export { logLevelsOf, NEST_LOG_LEVELS } from './log-level/log-levels.util.js';
export { FlagService } from './flag.service.js';
export type { FlagInfo } from './flag-info.interface.js';
export type { FlagEngineView, FlagSetView, FlagView } from './flags/flag-view.interface.js';
export type { FlagHandles, FlagName } from './flag-handles.type.js';
export type { DflagEngine } from './dflag-engine.interface.js';
export { DflagEvent } from './dflag.events.js';
export type { FlagChangedEvent, FlagReloadedEvent, Redacted } from './dflag.events.js';
export { OnFlagChange } from './decorators/on-flag-change.decorator.js';
export type { OnFlagChangeOptions } from './decorators/on-flag-change.decorator.js';
export { InjectFlag } from './decorators/inject-flag.decorator.js';
export { InjectFlags } from './decorators/inject-flags.decorator.js';
export { InjectFlagSet } from './decorators/inject-flag-set.decorator.js';
export {
  InjectFlagService,
  getFlagServiceToken,
} from './decorators/inject-flag-service.decorator.js';
export {
  DEFAULT_REGISTRATION,
  DFLAG_MODULE_OPTIONS,
  getFlagSetToken,
  getFlagToken,
  getFlagsToken,
} from './dflag.constants.js';
export { DflagSetupError } from './errors/dflag-setup.error.js';

// Listing endpoint (Go dflag's /debug/flags, read-only)
export { DflagListingModule } from './listing/dflag-listing.module.js';
export type { DflagListingOptions } from './listing/dflag-listing-options.interface.js';
export type {
  ListingConfigMap,
  ListingDocument,
  ListingFlag,
} from './listing/listing-document.interface.js';
export { DEFAULT_LISTING_PATH } from './listing/listing.constants.js';

// Runtime setter (guarded, expiring runtime values; an option of the listing)
export type { DflagSetterOptions } from './listing/dflag-setter-options.interface.js';
export type { RuntimeSetterOptions } from './runtime/runtime-setter-options.interface.js';
export type { RuntimeClock } from './runtime/runtime-clock.interface.js';
export { RuntimeValueError } from './runtime/runtime-value.error.js';
export type { RuntimeRefusal } from './runtime/runtime-value.error.js';
export { BearerTokenGuard, DFLAG_PRINCIPAL } from './runtime/bearer-token.guard.js';
export type { BearerTokenGuardOptions, BearerTokenSource } from './runtime/bearer-token.guard.js';
export type { ClearAnswer, SetAnswer } from './listing/setter-answer.util.js';
export type { SetterError } from './listing/setter-exception.filter.js';
export { SETTER_BODY_LIMIT } from './listing/setter.constants.js';
