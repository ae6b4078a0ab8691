/**
 * GoReading is what the Go original makes of one text: the value it would store, or that it
 * refuses the text and why (in the words of this project, not Go's error text). `why` names the Go
 * rule that made the reading what it is when that rule is one where nestjs-dflag differs (a
 * leading 0 is octal, `_` separates digits, …), so that a warning can say why the readings differ.
 */
export type GoReading<T> =
  | { readonly ok: true; readonly value: T; readonly why?: string }
  | { readonly ok: false; readonly reason: string; readonly why?: string };

/** goValue builds an accepted {@link GoReading}. */
export const goValue = <T>(value: T, why?: string): GoReading<T> =>
  why === undefined ? { ok: true, value } : { ok: true, value, why };

/** goRefusal builds a refused {@link GoReading}. */
export const goRefusal = <T>(reason: string, why?: string): GoReading<T> =>
  why === undefined ? { ok: false, reason } : { ok: false, reason, why };
