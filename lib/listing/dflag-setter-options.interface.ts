import type { CanActivate, Type } from '@nestjs/common';
import type { RuntimeClock } from '../runtime/runtime-clock.interface.js';
import type { RuntimeSetterOptions } from '../runtime/runtime-setter-options.interface.js';

/**
 * DflagSetterOptions turns on the listing's runtime setter (`POST` and `DELETE` `{path}/set`):
 * which flags may be set (`allow`, `allowSensitive`), for how long (`defaultTtl`, `maxTtl`), and
 * who may call it (`guards`, required). Off unless given. See README "Runtime setter".
 */
export interface DflagSetterOptions extends RuntimeSetterOptions {
  /**
   * Guards deciding who may set and clear: Nest `CanActivate` classes or instances, run after
   * the Host check, the cross-site refusal and the listing's own `guards`. Required and
   * non-empty: a setter anyone who reaches the port could call is refused at start. A guard that
   * sets `request[DFLAG_PRINCIPAL]` (as `BearerTokenGuard` does), or passport's `request.user`,
   * names who set a value in the log and the response. A guard class is resolved from the
   * listing module: give what it injects with the listing's `imports` or `providers`.
   */
  guards: ReadonlyArray<Type<CanActivate> | CanActivate>;
  /**
   * The clock expiry runs on. A test seam: a test passes a clock it moves itself to expire a
   * value without waiting; applications leave it out.
   * @default the system's monotonic clock (`performance.now()`), with unref'd timers
   */
  clock?: RuntimeClock;
}
