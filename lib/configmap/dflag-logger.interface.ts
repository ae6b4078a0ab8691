/** DflagLogger is the logging surface the engine needs (Nest's `Logger` fits it). */
export interface DflagLogger {
  log(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}
