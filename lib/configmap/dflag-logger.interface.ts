/**
 * DflagLogger is the logging surface the library needs (Nest's `Logger` fits it). The module's
 * own lines (start, changes, pending restarts, subPath mounts) pass their facts as a plain
 * object in `fields`, which Nest 12's `ConsoleLogger` logs as structured params (JSON fields
 * with `json: true`); a logger that takes only the message ignores them.
 */
export interface DflagLogger {
  log(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}
