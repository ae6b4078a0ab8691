import { LISTING_STYLE_HASH } from './listing-style.constant.js';

/**
 * LISTING_HEADERS are set on every listing response, JSON, HTML and errors
 * alike: nothing may load, run, frame or submit from it (the page's one
 * style sheet is allowed by its hash), nothing is sniffed or cached, and no
 * referrer leaves with a link.
 */
export const LISTING_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': `default-src 'none'; style-src ${LISTING_STYLE_HASH}; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'no-store',
  'Referrer-Policy': 'no-referrer',
  Vary: 'Accept',
};

/**
 * SETTER_PAGE_HEADERS replace the CSP of the HTML page when the setter is on: its one script
 * file may load from the same origin and call the setter there (`script-src 'self'`,
 * `connect-src 'self'`), still nothing inline and nothing from elsewhere.
 */
export const SETTER_PAGE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': `default-src 'none'; script-src 'self'; connect-src 'self'; style-src ${LISTING_STYLE_HASH}; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
};
