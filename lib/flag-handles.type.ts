import type { Flag } from './flags/flag.js';

/**
 * FlagHandles maps flag names to their handles: what `defineFlags()` returns,
 * and what `@InjectFlags()` injects. It is the type parameter of
 * `FlagService<F>` that makes `get(name)` typed.
 */
export type FlagHandles = { readonly [name: string]: Flag<unknown> };

/** FlagName is a declared name of a group of handles. */
export type FlagName<F extends FlagHandles> = Extract<keyof F, string>;
