/**
 * deepFreeze freezes a JSON-like value and everything it holds, in place. An object already
 * frozen is walked all the same: a validator may return `Object.freeze({ list: [] })`, frozen
 * at the top only. (What the JSON codec parsed is sealed already, and is not walked again: see
 * `Flag`'s check.) Each container is walked once, however many times it is held.
 */
export function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  const seen = new Set<object>();
  const pending: object[] = [value as object];
  while (pending.length > 0) {
    const container = pending.pop() as object;
    if (seen.has(container)) continue;
    seen.add(container);
    Object.freeze(container);
    for (const key of Object.keys(container)) {
      const item = (container as Record<string, unknown>)[key];
      if (item !== null && typeof item === 'object') pending.push(item);
    }
  }
  return value;
}
