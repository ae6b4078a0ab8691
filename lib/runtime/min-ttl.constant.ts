/**
 * MIN_TTL_MS is the shortest ttl of a runtime value (and of the setter's `defaultTtl` and
 * `maxTtl`): a shorter one would expire before anyone could see it, and show as an empty ttl.
 */
export const MIN_TTL_MS = 1000;
