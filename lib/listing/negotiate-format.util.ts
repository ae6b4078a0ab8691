import type { ListingFormat } from './listing-query.interface.js';

const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);
const JSON_TYPES = new Set(['application/json']);

/**
 * negotiateFormat picks HTML or JSON from an `Accept` header: HTML when it
 * names `text/html` (or XHTML) with a weight above that of
 * `application/json`, as a browser's navigation does; JSON otherwise —
 * including no header and wildcards only (`curl`, scripts).
 */
export function negotiateFormat(accept: string | string[] | undefined): ListingFormat {
  const header = Array.isArray(accept) ? accept.join(',') : (accept ?? '');
  let html = 0;
  let json = 0;
  for (const range of header.split(',')) {
    const [type = '', ...params] = range.split(';').map((part) => part.trim().toLowerCase());
    const weight = params.find((param) => param.startsWith('q='));
    const q = weight === undefined ? 1 : Number(weight.slice(2));
    if (!Number.isFinite(q)) continue;
    if (HTML_TYPES.has(type)) html = Math.max(html, q);
    else if (JSON_TYPES.has(type)) json = Math.max(json, q);
  }
  return html > 0 && html > json ? 'html' : 'json';
}
