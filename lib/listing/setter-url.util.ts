import { SETTER_ROUTE } from './setter.constants.js';

/** requestPath is a request's path as it reached the application: without its query, repeated slashes or trailing slash. */
export function requestPath(request: { originalUrl?: unknown; url?: unknown }): string {
  const raw = typeof request.originalUrl === 'string' ? request.originalUrl : String(request.url);
  return raw
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
