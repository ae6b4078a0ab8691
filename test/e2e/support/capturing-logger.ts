import type { DflagLogger } from '../../../lib/index.js';

/** One line the module wrote: its level, message and structured fields. */
export interface CapturedLine {
  readonly level: 'log' | 'warn' | 'error';
  readonly message: string;
  readonly fields: Record<string, unknown> | undefined;
}

/** CapturingLogger keeps every line the module writes, with its structured fields (it says it writes JSON). */
export class CapturingLogger implements DflagLogger {
  readonly json = true;
  readonly lines: CapturedLine[] = [];
  log(message: string, fields?: Record<string, unknown>): void {
    this.lines.push({ level: 'log', message, fields });
  }
  warn(message: string, fields?: Record<string, unknown>): void {
    this.lines.push({ level: 'warn', message, fields });
  }
  error(message: string, fields?: Record<string, unknown>): void {
    this.lines.push({ level: 'error', message, fields });
  }
  /** Every line as `level: message`. */
  messages(): string[] {
    return this.lines.map((l) => `${l.level}: ${l.message}`);
  }
  /** The warnings, whole. */
  warnings(): CapturedLine[] {
    return this.lines.filter((l) => l.level === 'warn');
  }
}
