import type { FlagKind } from './flag-kind.js';
import type { FlagSource } from './flag-source.js';

/**
 * FlagView is what printing a flag's handle shows (`JSON.stringify`, `util.inspect`,
 * `console.log`): its values as display text, `[redacted]` when the flag is sensitive, long
 * values cut at 80 characters. Read the value itself with `get()`.
 */
export interface FlagView {
  /** The flag's name (its ConfigMap key). */
  readonly name: string;
  /** The flag's type. */
  readonly kind: FlagKind;
  /** Whether the flag follows the ConfigMap after start. */
  readonly dynamic: boolean;
  /** Whether the flag's values are secret (shown redacted). */
  readonly sensitive: boolean;
  /** The current value, as display text. */
  readonly value: string;
  /** The layer the current value comes from. */
  readonly source: FlagSource;
  /** The declared default, as display text. */
  readonly default: string;
}

/** FlagSetView is what printing a {@link FlagSet} shows: its name and each flag's {@link FlagView}. */
export interface FlagSetView {
  /** The set's name (what error messages call it). */
  readonly name: string;
  /** Each declared flag's view, in declaration order. */
  readonly flags: readonly FlagView[];
}

/**
 * FlagEngineView is what printing an engine shows: where it reads, its flags' views and how
 * many versions it has processed — never its internals (the bytes it read, every layer's value).
 */
export interface FlagEngineView {
  /** The directory the engine reads. */
  readonly path: string;
  /** The engine's flags, printed as their {@link FlagSetView}. */
  readonly flagSet: FlagSetView;
  /** How many versions the engine has processed (`status().generation`). */
  readonly generation: number;
}
