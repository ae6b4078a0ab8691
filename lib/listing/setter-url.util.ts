import { SETTER_ROUTE } from './setter.constants.js';

/** The scheme and authority of a request target in absolute form. */
const ABSOLUTE_FORM = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/?#]*/;

/** requestPath is a request's path as it reached the application: without its query, repeated slashes or trailing slash. */
export function requestPath(request: { originalUrl?: unknown; url?: unknown }): string {
  const raw = typeof request.originalUrl === 'string' ? request.originalUrl : String(request.url);
  // A request target in absolute form (`GET http://host/debug/flags`, as sent to a proxy) names
  // an authority the Host check never saw: only its path is the listing's.
  return raw
    .replace(ABSOLUTE_FORM, '')
    .split(/[?#]/)[0]!
    .replace(/\/{2,}/g, '/')
    .replace(/\/+$/, '');
}

/**
 * setterUrl is the setter's path as the listing request reached it (the application's global
 * prefix included, whatever it is), for the listing's `set_url`: the listing's {@link requestPath},
 * then `/set`.
 */
export function setterUrl(request: { originalUrl?: unknown; url?: unknown }): string {
  return `${requestPath(request)}/${SETTER_ROUTE}`;
}
