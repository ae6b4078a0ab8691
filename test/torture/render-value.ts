/**
 * renderValue gives comparable text for a flag value, model side and live
 * side alike, written here rather than taken from the library (a broken
 * canonical form must not make every comparison pass): bytes as hex, sets
 * sorted, everything else as JSON.
 */
export function renderValue(value: unknown): string {
  if (value instanceof Uint8Array) return `bytes:${Buffer.from(value).toString('hex')}`;
  if (value instanceof Set) return `set:${JSON.stringify([...value].sort())}`;
  if (typeof value === 'number' && Object.is(value, -0)) return '-0';
  return JSON.stringify(value) ?? String(value);
}
