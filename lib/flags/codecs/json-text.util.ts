/**
 * The texts of a JSON value that a big document makes costly: its canonical text (keys sorted,
 * for checksums), written in steps, and the beginning of its display text (change lines show
 * 80 characters of it).
 */

const byKey = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const isContainer = (value: unknown): value is object =>
  value !== null && typeof value === 'object';

/** A copy of a container with nothing in it yet: an array of the same length, or an object. */
const shellOf = (value: object): unknown[] | Record<string, unknown> =>
  Array.isArray(value) ? new Array<unknown>(value.length) : {};

/** How many containers are copied between two looks at `pause()`. */
const CONTAINERS_PER_LOOK = 256;

/**
 * canonicalJsonSteps writes JSON with every object's keys sorted, so that equal values give equal
 * text: a copy of the value with its keys inserted in sorted order, then one native
 * `JSON.stringify` (a replacer sorting each object costs ~4× as much on a 1 MiB document).
 * Integer-like keys come first in any object, as they would through a replacer. The copy is made
 * without recursion, container by container, and pauses when `pause()` says the turn's share is
 * spent; the stringify, one step, takes about what `JSON.parse` of the text takes.
 */
export function* canonicalJsonSteps(
  value: unknown,
  pause: () => boolean,
): Generator<void, string, void> {
  if (!isContainer(value)) return JSON.stringify(value);
  const root = shellOf(value);
  // Each container's copy is made (its keys inserted, in order) before its children are filled.
  const pending: Array<[object, unknown[] | Record<string, unknown>]> = [[value, root]];
  let copied = 0;
  while (pending.length > 0) {
    copied++;
    const [source, copy] = pending.pop() as [object, unknown[] | Record<string, unknown>];
    if (Array.isArray(source)) {
      const items = copy as unknown[];
      for (let i = 0; i < source.length; i++) {
        const item: unknown = source[i];
        if (isContainer(item)) pending.push([item, (items[i] = shellOf(item))]);
        else items[i] = item;
      }
    } else {
      const record = copy as Record<string, unknown>;
      for (const key of Object.keys(source).sort(byKey)) {
        const item = (source as Record<string, unknown>)[key];
        const placed = isContainer(item) ? shellOf(item) : item;
        // `__proto__` is refused in flag values; should one come here, it stays a plain key.
        if (key === '__proto__')
          Object.defineProperty(record, key, { value: placed, enumerable: true, writable: true });
        else record[key] = placed;
        if (isContainer(item)) pending.push([item, placed as unknown[] | Record<string, unknown>]);
      }
    }
    if (copied % CONTAINERS_PER_LOOK === 0 && pause()) yield;
  }
  // A big document's stringify, alone in its turn (it takes about what its JSON.parse takes).
  if (copied >= CONTAINERS_PER_LOOK || pause()) yield;
  return JSON.stringify(root);
}

const never = (): boolean => false;

/** canonicalJson is {@link canonicalJsonSteps} in one go. */
export function canonicalJson(value: unknown): string {
  const steps = canonicalJsonSteps(value, never);
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/**
 * jsonPrefix returns `JSON.stringify(value)` when it is shorter than `length`, else a beginning
 * of it at least `length` characters long: what a shortened display needs, without writing a
 * 1 MiB document whole. For JSON values (plain objects, arrays, strings, finite numbers,
 * booleans, null), as the JSON codec holds.
 */
export function jsonPrefix(value: unknown, length: number): string {
  const parts: string[] = [];
  let written = 0;
  /** put appends text; false once enough was written. */
  const put = (text: string): boolean => {
    parts.push(text);
    written += text.length;
    return written < length;
  };
  const write = (item: unknown): boolean => {
    if (!isContainer(item)) return put(JSON.stringify(item) ?? 'null');
    if (Array.isArray(item)) {
      if (!put('[')) return false;
      for (let i = 0; i < item.length; i++) {
        if ((i > 0 && !put(',')) || !write(item[i])) return false;
      }
      return put(']');
    }
    if (!put('{')) return false;
    let first = true;
    for (const [key, field] of Object.entries(item)) {
      if (field === undefined || typeof field === 'function' || typeof field === 'symbol') continue;
      if ((!first && !put(',')) || !put(`${JSON.stringify(key)}:`) || !write(field)) return false;
      first = false;
    }
    return put('}');
  };
  write(value);
  return parts.join('');
}
