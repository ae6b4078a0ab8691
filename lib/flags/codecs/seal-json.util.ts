import { MAX_JSON_DEPTH } from './json-depth.util.js';

/** Keys that could reach an object's prototype when the value is later merged or copied. */
export const FORBIDDEN_JSON_KEYS: ReadonlySet<string> = new Set([
  '__proto__',
  'constructor',
  'prototype',
]);

/**
 * sealParsedJson checks and freezes what `JSON.parse` returned, in one walk: nesting no deeper
 * than {@link MAX_JSON_DEPTH}, no key that could reach a prototype (`JSON.parse` makes
 * `__proto__` an own key, which `Object.keys` sees), every object and array frozen. Returns why
 * the document is refused, or undefined. The walk stops at the first level too deep, so it never
 * recurses further than that (`JSON.parse` itself does not recurse); a reviver would cost ~5×
 * the parse of a 1 MiB document, the walk about a third of it.
 */
export function sealParsedJson(value: unknown, depth = 0): string | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  if (depth >= MAX_JSON_DEPTH) return `nested deeper than ${MAX_JSON_DEPTH} levels`;
  Object.freeze(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const problem = sealParsedJson(value[i], depth + 1);
      if (problem) return problem;
    }
    return undefined;
  }
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (FORBIDDEN_JSON_KEYS.has(key)) return `the key "${key}" is not allowed`;
    const problem = sealParsedJson(record[key], depth + 1);
    if (problem) return problem;
  }
  return undefined;
}
