import { Logger } from '@nestjs/common';
import type { LogLevel, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type { DflagLogger } from '../configmap/dflag-logger.interface.js';
import { errorMessage } from '../errors/error-message.util.js';
import { messages } from '../errors/messages.constant.js';
import type { Flag } from '../flags/flag.js';
import type { LogLevelOption } from './log-level-options.interface.js';
import { logLevelsOf, NEST_LOG_LEVELS } from './log-levels.util.js';

/**
 * The levels Nest's `Logger` has on, as `Logger.isLevelEnabled()` tells
 * them: those of the `ConsoleLogger` in use, else those Nest was given
 * (`logger: [...]` at creation, `useLogger([...])`), else every level (what
 * Nest assumes of a logger it was given no levels for).
 */
const currentNestLevels = (): LogLevel[] =>
  NEST_LOG_LEVELS.filter((level) => Logger.isLevelEnabled(level));

/**
 * LogLevelApplier applies the log level flag to the application's Nest
 * logging: from bootstrap, each value goes to `Logger.overrideLogger(levels)`
 * — which calls `setLogLevels()` of the logger given to `useLogger()` (Nest's
 * `ConsoleLogger` has it) and reaches every `new Logger(context)` made
 * before — and then to the `onChange` hook. Empty means the levels the
 * application had at bootstrap; those are restored when it closes.
 */
export class LogLevelApplier implements OnApplicationBootstrap, OnModuleDestroy {
  private unsubscribe: (() => void) | undefined;
  private initial: LogLevel[] = [];
  private applied = false;

  constructor(
    private readonly flag: Flag<string> | undefined,
    private readonly option: LogLevelOption | undefined,
    private readonly logger: DflagLogger,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.flag) return;
    this.initial = currentNestLevels();
    if (this.flag.get() !== '') this.apply(this.flag.get());
    this.unsubscribe = this.flag.onChange(({ current }) => this.apply(current));
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    if (this.applied) Logger.overrideLogger(this.initial);
    this.applied = false;
  }

  private apply(value: string): void {
    const levels = value === '' ? this.initial : logLevelsOf(value);
    Logger.overrideLogger([...levels]);
    this.applied = true;
    const hook = typeof this.option === 'object' ? this.option.onChange : undefined;
    if (!hook) return;
    try {
      hook([...levels]);
    } catch (error) {
      this.logger.warn(messages.logLevelHookThrew(this.flag?.name ?? '', errorMessage(error)));
    }
  }
}
