import type { DflagLogger } from '../configmap/dflag-logger.interface.js';

interface MaybeJson {
  readonly json?: unknown;
  readonly options?: { readonly json?: unknown };
  /** Nest's `Logger` delegates to this (the application's logger, or its own ConsoleLogger). */
  readonly localInstance?: unknown;
}

/**
 * writesJson tells whether a logger writes JSON records: Nest's `ConsoleLogger` created with
 * `json: true` (directly, or behind a Nest `Logger` that delegates to it), or any logger that
 * says so with `json: true`. Asked at each line: `app.useLogger()` may come after start.
 */
export function writesJson(logger: unknown): boolean {
  const target = logger as MaybeJson | undefined;
  if (target?.json === true || target?.options?.json === true) return true;
  const inner = target?.localInstance as MaybeJson | undefined;
  return inner !== undefined && inner !== target && writesJson(inner);
}

/**
 * withJsonFields wraps a logger so that a line's facts (the second argument) reach it only when it
 * writes JSON, where they become fields of the record; a text logger (Nest's default) would print
 * the object as a second line, and a healthy pod's log is meant to stay short.
 */
export function withJsonFields(logger: DflagLogger): DflagLogger {
  const pass =
    (write: (message: string, fields?: Record<string, unknown>) => void) =>
    (message: string, fields?: Record<string, unknown>): void =>
      fields !== undefined && writesJson(logger) ? write(message, fields) : write(message);
  return {
    log: pass((m, f) => (f === undefined ? logger.log(m) : logger.log(m, f))),
    warn: pass((m, f) => (f === undefined ? logger.warn(m) : logger.warn(m, f))),
    error: pass((m, f) => (f === undefined ? logger.error(m) : logger.error(m, f))),
  };
}
