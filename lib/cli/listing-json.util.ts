import { isDeepStrictEqual } from 'node:util';
import { kindCodec } from './kind-codec.util.js';

/**
 * toListingJson gives a typed value in the form a listing's `value` holds it: sets as sorted
 * arrays, bytes as base64, durations in milliseconds, the other kinds as they are.
 */
export function toListingJson(kind: string | undefined, value: unknown): unknown {
  if (kind === 'set' && value instanceof Set) return [...(value as Set<string>)].sort();
  if (kind === 'bytes' && value instanceof Uint8Array) {
    return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64');
  }
  return value;
}

/**
 * sameListingJson compares two values in listing form structurally: object keys in any order,
 * so a JSON value written differently (other spacing, other key order) is the same value.
 */
export function sameListingJson(a: unknown, b: unknown): boolean {
  return isDeepStrictEqual(a, b);
}

/**
 * listingJsonText gives display text for a value in listing form, as the flag itself would
 * format it (`1m30s`, `a,b`, compact JSON); JSON text for a value of a shape it does not expect.
 */
export function listingJsonText(kind: string | undefined, json: unknown): string {
  const codec = kindCodec(kind);
  try {
    if (codec !== undefined) {
      const typed =
        kind === 'set' && Array.isArray(json)
          ? new Set(json as string[])
          : kind === 'bytes' && typeof json === 'string'
            ? Buffer.from(json, 'base64')
            : json;
      if (codec.accepts(typed) === undefined) return codec.format(typed);
    }
  } catch {
    // A value of another shape than its kind's: shown as JSON below.
  }
  return typeof json === 'string' ? json : String(JSON.stringify(json));
}
