import type { DflagModuleExtras, DflagOptions } from '../dflag-options.interface.js';
import type { ASYNC_OPTIONS_TYPE } from '../dflag.module-definition.js';
import { messages } from '../errors/messages.constant.js';
import { assertOptions } from './check-options.util.js';
import {
  DFLAG_OPTION_RULES,
  EXTRAS_IN_FACTORY,
  FOR_ROOT_ASYNC_OPTION_RULES,
  FOR_ROOT_OPTION_RULES,
} from './dflag-option-rules.constant.js';

/** The entry points, as errors name them. */
export const OPTION_SOURCES = {
  loadFlags: 'loadFlags()',
  forRoot: 'DflagModule.forRoot()',
  forRootAsync: 'DflagModule.forRootAsync()',
  factory: 'DflagModule.forRootAsync() (what its factory returned)',
} as const;

/**
 * checkDflagOptions checks what `loadFlags()` or `DflagModule.forRoot()` was
 * given — a path, or options — and returns it as options. Throws one
 * `DflagSetupError` listing every problem.
 */
export function checkDflagOptions(
  pathOrOptions: string | DflagOptions,
  where: typeof OPTION_SOURCES.loadFlags,
): DflagOptions;
export function checkDflagOptions(
  pathOrOptions: string | (DflagOptions & DflagModuleExtras),
  where: typeof OPTION_SOURCES.forRoot,
): DflagOptions & DflagModuleExtras;
export function checkDflagOptions(
  pathOrOptions: string | (DflagOptions & DflagModuleExtras),
  where: typeof OPTION_SOURCES.loadFlags | typeof OPTION_SOURCES.forRoot,
): DflagOptions & DflagModuleExtras {
  const options = typeof pathOrOptions === 'string' ? { path: pathOrOptions } : pathOrOptions;
  assertOptions(options, {
    where,
    rules: where === OPTION_SOURCES.forRoot ? FOR_ROOT_OPTION_RULES : DFLAG_OPTION_RULES,
    expected: messages.acceptsPathOrOptions,
  });
  return options;
}

/** checkFactoryOptions checks the options `forRootAsync()`'s factory returned (extras belong outside). */
export function checkFactoryOptions(options: DflagOptions): DflagOptions {
  assertOptions(options, {
    where: OPTION_SOURCES.factory,
    rules: DFLAG_OPTION_RULES,
    misplaced: EXTRAS_IN_FACTORY,
  });
  return options;
}

/** checkAsyncOptions checks `forRootAsync()`'s own options: one way to provide the options, and the extras. */
export function checkAsyncOptions(options: typeof ASYNC_OPTIONS_TYPE): void {
  const given = (options ?? {}) as Partial<Record<string, unknown>>;
  const sources = ['useFactory', 'useClass', 'useExisting'].filter(
    (key) => given[key] !== undefined,
  );
  assertOptions(
    options,
    { where: OPTION_SOURCES.forRootAsync, rules: FOR_ROOT_ASYNC_OPTION_RULES },
    typeof options !== 'object' || options === null || sources.length === 1
      ? []
      : sources.length === 0
        ? [messages.asyncOptionsSource]
        : [messages.asyncOptionsSources(sources)],
  );
}
