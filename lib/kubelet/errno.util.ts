/** hasErrno tells whether `error` is a Node system error with the given `code` (e.g. `ENOENT`). */
export function hasErrno(error: unknown, code: string): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === code;
}

/** errnoOf gives the code of a Node system error (e.g. `ENOENT`), or undefined for anything else. */
export function errnoOf(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}
