import type { InspectOptions } from 'node:util';
import { inspect as nodeInspect } from 'node:util';

/**
 * INSPECT is the symbol by which Node's `util.inspect` — `console.log`, a test runner's assertion
 * diff, a logger printing an object — asks an object for its own view. Objects that hold flag
 * values answer with a view that shows them only as display text, `[redacted]` when sensitive:
 * their fields (every layer's value, the bytes last read) would show secrets in clear.
 */
export const INSPECT = Symbol.for('nodejs.util.inspect.custom');

/** InspectFunction is the `inspect` that Node hands to an object's own view. */
export type InspectFunction = (value: unknown, options?: InspectOptions) => string;

/**
 * inspectView shows `view` under a class name, as `util.inspect` shows an instance (`Name { … }`),
 * one level of depth spent on the object itself. A caller other than `util.inspect` (a test
 * runner's formatter) may call the view without `inspect` or options: Node's own is used then.
 */
export function inspectView(
  name: string,
  view: object,
  depth: number | undefined,
  options: InspectOptions | undefined,
  inspect: InspectFunction | undefined,
): string {
  if (typeof depth === 'number' && depth < 0) return `[${name}]`;
  const show = typeof inspect === 'function' ? inspect : nodeInspect;
  const given = options?.depth;
  const nested = typeof given === 'number' ? given - 1 : given;
  return `${name} ${show(view, { ...options, depth: nested })}`;
}
