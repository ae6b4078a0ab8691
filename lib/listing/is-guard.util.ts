/** isGuard: a `CanActivate` class (a function) or instance (an object with `canActivate()`). */
export const isGuard = (value: unknown): boolean =>
  typeof value === 'function' ||
  (typeof value === 'object' &&
    value !== null &&
    typeof (value as { canActivate?: unknown }).canActivate === 'function');
