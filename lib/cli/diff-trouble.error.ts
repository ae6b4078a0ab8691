/**
 * DiffTroubleError: `dflag diff` could not make the diff (the listing unreachable or refusing,
 * an answer that is not a listing, an unreadable directory); the CLI prints its message and
 * exits with 2, as diff(1) does for trouble.
 */
export class DiffTroubleError extends Error {
  override readonly name = 'DiffTroubleError';
}
