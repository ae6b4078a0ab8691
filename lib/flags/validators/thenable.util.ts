/** isThenable tells whether a validator's answer is a Promise (or any object with a `then`). */
export function isThenable(value: unknown): value is PromiseLike<unknown> {
  try {
    return (
      (typeof value === 'object' || typeof value === 'function') &&
      value !== null &&
      typeof (value as { then?: unknown }).then === 'function'
    );
  } catch {
    return false;
  }
}

/**
 * ignoreSettlement attaches a no-op rejection handler to an answer that will not be awaited, so
 * that its rejection does not become an unhandled rejection (which can end the process).
 */
export function ignoreSettlement(answer: PromiseLike<unknown>): void {
  try {
    answer.then(undefined, () => undefined);
  } catch {
    // A thenable whose `then` throws: nothing to wait for.
  }
}
