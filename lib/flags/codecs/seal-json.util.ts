import { runToEnd } from '../../configmap/time-slice.util.js';
import { MAX_JSON_DEPTH } from './json-depth.util.js';

/** Keys that could reach an object's prototype when the value is later merged or copied. */
export const FORBIDDEN_JSON_KEYS: ReadonlySet<string> = new Set([
  '__proto__',
  'constructor',
  'prototype',
]);

/**
 * Why a document holding a key of {@link FORBIDDEN_JSON_KEYS} is refused. Which of the three it
 * holds is not said: the words are shown for a sensitive flag too, and a key is part of the value.
 */
export const FORBIDDEN_KEY_REASON =
  'holds the key __proto__, constructor or prototype (refused anywhere in a document, against prototype pollution)';

/** How many items (array items, object fields) are sealed between two looks at `pause()`. */
const ITEMS_PER_LOOK = 1024;

/** A container being sealed: its keys (objects), how far the walk got, and its depth. */
interface Sealing {
  readonly value: Record<string | number, unknown>;
  readonly keys: readonly string[] | undefined;
  readonly length: number;
  readonly depth: number;
  next: number;
}

const never = (): boolean => false;

/** What a typed value holding Infinity is refused for (see the JSON codec's `accepts`). */
const NON_FINITE = 'holds a non-finite number';

/**
 * sealParsedJson checks and freezes what `JSON.parse` returned, in one walk: nesting no deeper
 * than {@link MAX_JSON_DEPTH}, no key that could reach a prototype (`JSON.parse` makes
 * `__proto__` an own key, which `Object.keys` sees), every object and array frozen. Returns why
 * the document is refused, or undefined. A reviver would cost ~5× the parse of a 1 MiB document,
 * the walk about a third of it.
 */
export function sealParsedJson(value: unknown): string | undefined {
  return runToEnd(sealParsedJsonSteps(value, never));
}

/**
 * sealParsedJsonSteps is {@link sealParsedJson} in steps: the walk, depth first and without
 * recursion (a document may nest 1000 levels), looks at `pause()` every
 * {@link ITEMS_PER_LOOK} items, inside a container too (the 1 MiB document's walk was one block
 * of 3–6 ms). The first problem in document order is the one reported, as in one walk.
 */
export function* sealParsedJsonSteps(
  value: unknown,
  pause: () => boolean,
): Generator<void, string | undefined, void> {
  const enter = (item: unknown, depth: number): Sealing | string | undefined => {
    if (item === null || typeof item !== 'object') return undefined;
    if (depth >= MAX_JSON_DEPTH) return `nested deeper than ${MAX_JSON_DEPTH} levels`;
    Object.freeze(item);
    const keys = Array.isArray(item) ? undefined : Object.keys(item);
    return {
      value: item as Record<string | number, unknown>,
      keys,
      length: keys ? keys.length : (item as unknown[]).length,
      depth,
      next: 0,
    };
  };
  if (typeof value === 'number' && !Number.isFinite(value)) return NON_FINITE;
  const root = enter(value, 0);
  if (root === undefined || typeof root === 'string') return root;
  const pending: Sealing[] = [root];
  let walked = 0;
  while (pending.length > 0) {
    const top = pending[pending.length - 1] as Sealing;
    if (top.next === top.length) {
      pending.pop();
      continue;
    }
    const at = top.next++;
    const key = top.keys ? (top.keys[at] as string) : at;
    if (top.keys && FORBIDDEN_JSON_KEYS.has(key as string)) return FORBIDDEN_KEY_REASON;
    const item = top.value[key];
    // JSON.parse reads a number beyond a float64's range (1e400) as Infinity.
    if (typeof item === 'number' && !Number.isFinite(item)) return NON_FINITE;
    const child = enter(item, top.depth + 1);
    if (typeof child === 'string') return child;
    if (child) pending.push(child);
    if (++walked % ITEMS_PER_LOOK === 0 && pause()) yield;
  }
  return undefined;
}
