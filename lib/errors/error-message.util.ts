/**
 * errorMessage gives the message of anything thrown (an Error's message, else its text). It
 * never throws itself: a thrown value that cannot be turned into text (an object without a
 * prototype, a throwing `toString` or `message` getter) is described by its type.
 */
export function errorMessage(error: unknown): string {
  try {
    return error instanceof Error ? String(error.message) : String(error);
  } catch {
    return `a thrown ${error === null ? 'null' : typeof error} that cannot be shown as text`;
  }
}
