/**
 * The texts of a JSON value that a big document makes costly: its canonical text (keys sorted,
 * for checksums), written in steps, and the beginning of its display text (change lines show
 * 80 characters of it).
 */

import { runToEnd } from '../../configmap/time-slice.util.js';

const byKey = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const isContainer = (value: unknown): value is object =>
  value !== null && typeof value === 'object';

/**
 * A copy of a container to fill: an array's items as they are, in one copy (each container among
 * them replaced by its own copy as the walk goes), or an empty object. For half a million items
 * `Array.from` takes ~2 ms; `new Array(length)` was a dictionary that V8 turned back into an
 * array in one step of 3–7 ms, an array grown item by item was copied as it grew (4–10 ms), and
 * `slice()` of a frozen array took 20–37 ms.
 */
const shellOf = (value: object): unknown[] | Record<string, unknown> =>
  Array.isArray(value) ? Array.from(value as unknown[]) : {};

/** How many items (array items, object fields) are copied between two looks at `pause()`. */
const ITEMS_PER_LOOK = 1024;

/**
 * How many characters of a string are written in one `JSON.stringify`: a string of lone
 * surrogates, each escaped as six characters, took 13–16 ms per 1 MiB document in one, and
 * ~0.35 ms per part of 4 096 (a step then ended up to that much past its slice).
 * @internal
 */
export const CHARS_PER_PART = 1024;

/**
 * How many characters of a string weigh as much as one item when a copy is weighed (see
 * {@link ITEMS_PER_PART}): a character escaped on the way (a lone surrogate becomes six) costs
 * `JSON.stringify` about a quarter of what a short item costs.
 */
const CHARS_PER_ITEM = 4;

/** weightOf is how many items a value or a key counts for: a long string more than one. */
const weightOf = (value: unknown): number =>
  typeof value === 'string' && value.length > CHARS_PER_ITEM
    ? Math.ceil(value.length / CHARS_PER_ITEM)
    : 1;

const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;

/**
 * stringParts writes a string as `JSON.stringify` would, {@link CHARS_PER_PART} characters at a
 * time, looking at `pause()` between parts. A part never ends between the two halves of a
 * surrogate pair (each would be escaped alone), so the parts joined are the whole text.
 */
function* stringParts(
  value: string,
  parts: string[],
  pause: () => boolean,
): Generator<void, void, void> {
  if (value.length <= CHARS_PER_PART) {
    parts.push(JSON.stringify(value));
    return;
  }
  parts.push('"');
  for (let from = 0; from < value.length;) {
    let to = Math.min(from + CHARS_PER_PART, value.length);
    if (to < value.length && isHighSurrogate(value.charCodeAt(to - 1))) to++;
    parts.push(JSON.stringify(value.slice(from, to)).slice(1, -1));
    from = to;
    if (pause()) yield;
  }
  parts.push('"');
}

/**
 * A container being copied: its source, its copy, the keys in sorted order (objects) and how far
 * the copy got, so that a long array or a wide object is copied over several steps.
 */
interface Copying {
  readonly source: Record<string | number, unknown>;
  readonly copy: Record<string | number, unknown>;
  readonly keys: readonly string[] | undefined;
  readonly length: number;
  next: number;
  /** How many items its copy holds, at every depth, so far (long strings weigh more: {@link weightOf}). */
  items: number;
}

const copying = (source: object, copy: object): Copying => {
  const keys = Array.isArray(source) ? undefined : Object.keys(source).sort(byKey);
  return {
    source: source as Record<string | number, unknown>,
    copy: copy as Record<string | number, unknown>,
    keys,
    length: keys ? keys.length : (source as unknown[]).length,
    next: 0,
    items: 0,
  };
};

/**
 * A container holding more items than this, at every depth, is written a part at a time (see
 * {@link writeSteps}); a smaller one in one native `JSON.stringify` (well under a millisecond).
 */
const ITEMS_PER_PART = 2048;

/**
 * From this many characters on, the join that writes a text whole (~1 ms per MiB here) has a step
 * of its own: after a slice's work it made a step of up to 2.9 ms, past the bound of a document
 * that parses in 0.3 ms (the parse + 2 ms).
 */
const JOIN_ALONE_CHARS = 64 * 1024;

const lengthOf = (parts: readonly string[]): number => {
  let length = 0;
  for (const part of parts) length += part.length;
  return length;
};

/**
 * joined writes parts as one text: a long one in a step of its own (a pause before and after it),
 * a short one in the current step unless the slice is spent.
 */
function* joined(parts: readonly string[], pause: () => boolean): Generator<void, string, void> {
  const alone = lengthOf(parts) >= JOIN_ALONE_CHARS;
  if (alone || pause()) yield;
  const text = parts.join('');
  if (alone) yield;
  return text;
}

/** writtenAlone writes a value that is not a container: long strings in parts. */
function* writtenAlone(value: unknown, pause: () => boolean): Generator<void, string, void> {
  if (typeof value !== 'string' || value.length <= CHARS_PER_PART) return JSON.stringify(value);
  const parts: string[] = [];
  yield* stringParts(value, parts, pause);
  return yield* joined(parts, pause);
}

/**
 * canonicalJsonSteps writes JSON with every object's keys sorted, so that equal values give equal
 * text: a copy of the value with its keys inserted in sorted order, then native
 * `JSON.stringify` (a replacer sorting each object costs ~4× as much on a 1 MiB document).
 * Integer-like keys come first in any object, as they would through a replacer. The copy is made
 * without recursion, one item (an array's item, an object's field) at a time, and looks at
 * `pause()` every {@link ITEMS_PER_LOOK} items, inside a container too (a 1 MiB array of 20 000
 * objects is not one step). The text is written the same way: a container of up to
 * {@link ITEMS_PER_PART} items in one `JSON.stringify`, a bigger one a part at a time (one
 * stringify of the whole 1 MiB copy was one block of 10–12 ms).
 */
export function* canonicalJsonSteps(
  value: unknown,
  pause: () => boolean,
): Generator<void, string, void> {
  if (!isContainer(value)) return yield* writtenAlone(value, pause);
  const root = shellOf(value);
  // Depth first: a child container is copied before the rest of its parent's items, so that
  // `pending` holds one partly copied container per level of nesting.
  const pending: Copying[] = [copying(value, root)];
  let copied = 0;
  // Items handled since the last look at `pause()`; a container's shell and key list (an array's
  // items copied at once, an object's keys listed and sorted) count as that many.
  let sinceLook = (pending[0] as Copying).length;
  if (sinceLook >= ITEMS_PER_LOOK && pause()) yield;
  /** The copies holding more than {@link ITEMS_PER_PART} items: written a part at a time. */
  const big = new Set<object>();
  while (pending.length > 0) {
    const top = pending[pending.length - 1] as Copying;
    if (top.next === top.length) {
      pending.pop();
      if (top.items > ITEMS_PER_PART) big.add(top.copy);
      const parent = pending[pending.length - 1];
      if (parent) parent.items += top.items;
      continue;
    }
    const at = top.next++;
    const key = top.keys ? (top.keys[at] as string) : at;
    const item = top.source[key];
    // A long string (or key) weighs as many items: its container is written a part at a time.
    top.items += isContainer(item) ? 1 : weightOf(item) + (top.keys ? weightOf(key) - 1 : 0);
    const placed = isContainer(item) ? shellOf(item) : item;
    if (key === '__proto__')
      Object.defineProperty(top.copy, key, { value: placed, enumerable: true, writable: true });
    else top.copy[key] = placed;
    if (isContainer(item)) {
      const child = copying(item, placed as object);
      pending.push(child);
      sinceLook += child.length;
    }
    copied++;
    // A long key weighs more: the copy hashes it when it adds the field (~1 ms for 16 of 64 KiB).
    sinceLook += top.keys ? weightOf(key) : 1;
    if (sinceLook >= ITEMS_PER_LOOK) {
      sinceLook = 0;
      if (pause()) yield;
    }
  }
  if (copied >= ITEMS_PER_LOOK || pause()) yield;
  return yield* writeSteps(root, big, pause);
}

/** How many parts of a text are joined at a time. */
const PARTS_PER_JOIN = 1024;

/** A big container being written: its keys (objects) and how far the writing got. */
interface Writing {
  readonly value: Record<string | number, unknown>;
  readonly keys: readonly string[] | undefined;
  readonly length: number;
  next: number;
}

/**
 * writeSteps writes `root` as `JSON.stringify` would, looking at `pause()` between parts: a
 * container in `big` is opened, written item by item and closed; anything else is one
 * `JSON.stringify`. Keys in `Object.keys` order, the order `JSON.stringify` follows.
 */
function* writeSteps(
  root: unknown,
  big: ReadonlySet<object>,
  pause: () => boolean,
): Generator<void, string, void> {
  if (!isContainer(root) || !big.has(root)) return JSON.stringify(root);
  const parts: string[] = [];
  const chunks: string[] = [];
  const open = (value: object): Writing => {
    const keys = Array.isArray(value) ? undefined : Object.keys(value);
    parts.push(keys ? '{' : '[');
    return {
      value: value as Record<string | number, unknown>,
      keys,
      length: keys ? keys.length : (value as unknown[]).length,
      next: 0,
    };
  };
  const pending: Writing[] = [open(root)];
  let written = 0;
  while (pending.length > 0) {
    const top = pending[pending.length - 1] as Writing;
    if (top.next === top.length) {
      parts.push(top.keys ? '}' : ']');
      pending.pop();
      continue;
    }
    const at = top.next++;
    if (at > 0) parts.push(',');
    const key = top.keys ? (top.keys[at] as string) : at;
    if (typeof key === 'string') {
      yield* stringParts(key, parts, pause);
      parts.push(':');
    }
    const item = top.value[key];
    if (isContainer(item) && big.has(item)) {
      pending.push(open(item));
      continue;
    }
    if (typeof item === 'string') yield* stringParts(item, parts, pause);
    else parts.push(JSON.stringify(item));
    // Joined as it goes: one join of every part of a 1 MiB text was a block of ~5 ms.
    if (parts.length >= PARTS_PER_JOIN) chunks.push(yield* joined(parts.splice(0), pause));
    // After each container written (up to ITEMS_PER_PART items), every 64 other values.
    if ((isContainer(item) || ++written % 64 === 0) && pause()) yield;
  }
  // The last parts are joined with the chunks: joined apart, they were a 1 MiB join inside a step.
  return yield* joined(chunks.concat(parts), pause);
}

const never = (): boolean => false;

/** canonicalJson is {@link canonicalJsonSteps} in one go. */
export function canonicalJson(value: unknown): string {
  return runToEnd(canonicalJsonSteps(value, never));
}

/**
 * jsonPrefix returns `JSON.stringify(value)` when it is shorter than `length`, else a beginning
 * of it at least `length` characters long: what a shortened display needs, without writing a
 * 1 MiB document whole. For JSON values (plain objects, arrays, strings, finite numbers,
 * booleans, null), as the JSON codec holds. A long string is cut before it is written (a 1 MiB
 * string of lone surrogates took 15 ms to write whole), and an object's fields are visited one at
 * a time (`Object.entries` of an object of 100 000 keys took 70–90 ms).
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
    if (typeof item === 'string') return put(stringPrefix(item, length - written));
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
    for (const key in item) {
      if (!Object.prototype.hasOwnProperty.call(item, key)) continue;
      const field = (item as Record<string, unknown>)[key];
      if (field === undefined || typeof field === 'function' || typeof field === 'symbol') continue;
      if (!first && !put(',')) return false;
      if (!put(stringPrefix(key, length - written)) || !put(':') || !write(field)) return false;
      first = false;
    }
    return put('}');
  };
  write(value);
  return parts.join('');
}

/**
 * stringPrefix is `JSON.stringify(value)`, or, for a string longer than `wanted` characters, a
 * beginning of it longer than `wanted` (the rest cut off, closing quote included); a cut never
 * falls between the two halves of a surrogate pair, which would be escaped alone.
 */
function stringPrefix(value: string, wanted: number): string {
  if (value.length <= wanted + 1) return JSON.stringify(value);
  let to = Math.max(wanted, 0) + 1;
  if (isHighSurrogate(value.charCodeAt(to - 1))) to++;
  return JSON.stringify(value.slice(0, to)).slice(0, -1);
}
