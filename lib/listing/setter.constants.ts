/**
 * SETTER_BODY_LIMIT bounds the setter's request body: a value of 1 MiB (a ConfigMap's whole size)
 * plus 4 KiB for the JSON envelope (name, ttl, quoting), whatever the adapter's own limit.
 */
export const SETTER_BODY_LIMIT = 1024 * 1024 + 4 * 1024;

/** The methods the setter's route answers; every other one gets 405 with this `Allow`. */
export const SETTER_ALLOW = 'POST, DELETE';

/** The setter's route under the listing's path. */
export const SETTER_ROUTE = 'set';

/** The page's one script, under the listing's path. */
export const SETTER_SCRIPT_ROUTE = 'setter.js';

/** The logger context of the setter's unexpected failures. */
export const SETTER_LOGGER_CONTEXT = 'DflagSetter';
