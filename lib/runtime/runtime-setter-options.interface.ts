import type { Flag } from '../flags/flag.js';

/**
 * RuntimeSetterOptions says which flags the runtime setter may change, and for how long. Only
 * dynamic flags can be set; a sensitive one only when named in `allowSensitive` as well.
 */
export interface RuntimeSetterOptions {
  /**
   * The flags that may be set at run time: their names, or a predicate on the handle. A name
   * that is not declared in the flag set, or a static flag's, is refused at start.
   */
  allow: readonly string[] | ((flag: Flag<unknown>) => boolean);
  /**
   * Sensitive flags that may be set too (by name; they must also pass `allow`). Off by default:
   * a value sent in a request body ends up in proxies' and APM agents' body captures.
   * @default []
   */
  allowSensitive?: readonly string[];
  /**
   * How long a value set without a `ttl` lasts (duration syntax: `15m`, `1h30m`).
   * @default '15m'
   */
  defaultTtl?: string;
  /**
   * The longest `ttl` a request may ask for; a longer one is refused (422), never shortened.
   * @default '1h'
   */
  maxTtl?: string;
}
