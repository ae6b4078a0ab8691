import { setterMessages as m } from './setter-messages.constant.js';

type Headers = Readonly<Record<string, string | string[] | undefined>>;

/** The words of a refusal: the setter's by default, the listing's for its reads. */
export interface CrossSiteWords {
  crossSiteFetch(site: string): string;
  crossSiteOrigin(origin: string, host: string): string;
}

/** The sites a `Sec-Fetch-Site` header may name for the setter: its own pages, or no page at all. */
const SAME_SITE_FETCH = new Set(['same-origin', 'none']);

/** hostOfHeader is the Host header as a URL's `host` compares (lower case, no default port). */
function hostOfHeader(host: string, protocol: string): string {
  const lower = host
    .trim()
    .toLowerCase()
    .replace(/\.(?=:\d+$|$)/, '');
  if (protocol === 'http:') return lower.replace(/:80$/, '');
  if (protocol === 'https:') return lower.replace(/:443$/, '');
  return lower;
}

/**
 * crossSiteRefusal says why a request comes from another site, or undefined when it does not:
 * a `Sec-Fetch-Site` other than `same-origin` or `none` (a browser sends it on every request),
 * or an `Origin` whose host is not the request's `Host` (`Origin: null` included). A tool such as
 * curl sends neither and passes. CORS cannot change this: the check is on the request itself.
 */
export function crossSiteRefusal(headers: Headers, words: CrossSiteWords = m): string | undefined {
  const site = headers['sec-fetch-site'];
  if (site !== undefined) {
    const text = Array.isArray(site) ? site.join(', ') : site;
    if (!SAME_SITE_FETCH.has(text.trim().toLowerCase())) return words.crossSiteFetch(text);
  }
  const origin = headers.origin;
  if (origin === undefined) return undefined;
  const text = Array.isArray(origin) ? origin.join(', ') : origin;
  const host = typeof headers.host === 'string' ? headers.host : '';
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (url && url.host !== '' && url.host === hostOfHeader(host, url.protocol)) return undefined;
  return words.crossSiteOrigin(text, host);
}
