import { Injectable, Logger } from '@nestjs/common';
import type { LoggerService, LogLevel } from '@nestjs/common';
import { vi } from 'vitest';

/**
 * Worker logs through a `new Logger(context)` made once, as providers do:
 * the instance whose levels must follow the flag.
 */
@Injectable()
export class Worker {
  private readonly logger = new Logger('Worker');

  tick(n: number): void {
    this.logger.debug(`debug tick ${n}`);
    this.logger.log(`log tick ${n}`);
  }
}

/** RecordingLogger writes `level: message` lines for the levels `enabled()` lets through. */
abstract class RecordingLogger implements LoggerService {
  readonly lines: string[] = [];
  protected abstract enabled(level: LogLevel): boolean;

  private write(level: LogLevel, message: unknown): void {
    if (this.enabled(level)) this.lines.push(`${level}: ${String(message)}`);
  }
  log(message: unknown): void {
    this.write('log', message);
  }
  error(message: unknown): void {
    this.write('error', message);
  }
  warn(message: unknown): void {
    this.write('warn', message);
  }
  debug(message: unknown): void {
    this.write('debug', message);
  }
  verbose(message: unknown): void {
    this.write('verbose', message);
  }
  fatal(message: unknown): void {
    this.write('fatal', message);
  }
}

/** LevelledLogger is a user logger with `setLogLevels()`: it writes only the enabled levels. */
export class LevelledLogger extends RecordingLogger {
  levels: LogLevel[] = ['fatal', 'error', 'warn', 'log'];
  readonly levelCalls: LogLevel[][] = [];

  setLogLevels(levels: LogLevel[]): void {
    this.levels = levels;
    this.levelCalls.push(levels);
  }

  protected enabled(level: LogLevel): boolean {
    return this.levels.includes(level);
  }
}

/**
 * ThresholdLogger stands for pino or winston: no `setLogLevels()`, one
 * threshold of its own (`level`) that only the `onChange` hook can move.
 */
export class ThresholdLogger extends RecordingLogger {
  static readonly ORDER: readonly string[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];
  level = 'log';

  protected enabled(level: LogLevel): boolean {
    const order = ThresholdLogger.ORDER;
    return order.indexOf(level) <= order.indexOf(this.level);
  }
}

/** captureStdout collects what is written to stdout (where Nest's ConsoleLogger prints) until restored. */
export function captureStdout(): { text: () => string; restore: () => void } {
  const chunks: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: unknown) => {
    chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString());
    return true;
  });
  return { text: () => chunks.join(''), restore: () => spy.mockRestore() };
}
