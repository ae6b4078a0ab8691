/** DEFAULT_LISTING_PATH is the listing's route when `path` is not given (Go dflag's). */
export const DEFAULT_LISTING_PATH = '/debug/flags';

/** LISTING_OPTIONS is the module-local token of a listing's checked options. */
export const LISTING_OPTIONS = 'DFLAG:LISTING:OPTIONS';

/** The logger context of the listing's messages. */
export const LISTING_LOGGER_CONTEXT = 'DflagListing';

/** The methods the listing answers; every other one gets 405 with this `Allow`. */
export const LISTING_ALLOW = 'GET, HEAD';
