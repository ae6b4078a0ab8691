import type { FlagKind } from './flags/flag-kind.js';
import type { FlagSource } from './flags/flag-source.js';

/**
 * FlagInfo describes one flag for a listing (`FlagService.list()`). Values
 * are display text: `[redacted]` for sensitive flags, long values cut at 80
 * characters.
 */
export interface FlagInfo {
  /** The flag's name (its ConfigMap key). */
  readonly name: string;
  /** The flag's type. */
  readonly type: FlagKind;
  /** Whether the flag follows the ConfigMap after start. */
  readonly dynamic: boolean;
  /** Whether the flag's values are secret (shown redacted). */
  readonly sensitive: boolean;
  /** What the flag is for. */
  readonly description: string;
  /** The current value, as display text. */
  readonly current: string;
  /** The declared default, as display text. */
  readonly default: string;
  /** The layer the current value comes from. */
  readonly source: FlagSource;
  /** When the value last changed, if it ever did. */
  readonly lastChanged: Date | undefined;
  /** Whether the ConfigMap holds another value that takes effect on restart (static flags). */
  readonly pendingRestart: boolean;
}
