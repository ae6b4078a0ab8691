import { SETTER_ROUTE } from './setter.constants.js';

/**
 * setterUrl is the setter's path as the listing request reached it (the application's global
 * prefix included, whatever it is), for the listing's `set_url`: the request's path without its
 * query, repeated slashes or trailing slash, then `/set`.
 */
export function setterUrl(request: { originalUrl?: unknown; url?: unknown }): string {
  const raw = typeof request.originalUrl === 'string' ? request.originalUrl : String(request.url);
  const path = raw
    .split(/[?#]/)[0]!
    .replace(/\/{2,}/g, '/')
    .replace(/\/+$/, '');
  return `${path}/${SETTER_ROUTE}`;
}
