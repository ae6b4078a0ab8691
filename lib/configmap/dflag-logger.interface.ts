/**
 * DflagLogger is the logging surface the library needs (Nest's `Logger` fits it). The module's
 * own lines (start, changes, pending restarts, subPath mounts) pass their facts as a plain
 * object in `fields` to a logger that writes JSON — Nest 12's `ConsoleLogger` with `json: true`
 * (directly or behind a Nest `Logger`), or any logger with `json: true` — where they become
 * fields of the record; a text logger gets the message alone.
 */
export interface DflagLogger {
  log(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}
