import { escapeHtml as h } from './escape-html.util.js';
import type { ListingDocument, ListingFlag } from './listing-document.interface.js';
import { listingMessages as m } from './listing-messages.constant.js';
import type { ListingQuery } from './listing-query.interface.js';
import { LISTING_STYLE } from './listing-style.constant.js';

// Every value that reaches the page goes through `h` (escapeHtml), the constant strings too.

/** hrefFor links the listing with other filters: a relative query (`?type=static`), escaped for an attribute. */
function hrefFor(query: ListingQuery, change: Partial<ListingQuery>): string {
  const next = { ...query, ...change };
  const params: string[] = [];
  if (next.type) params.push(`type=${next.type}`);
  if (next.onlyChanged) params.push('only_changed=true');
  if (next.format) params.push(`format=${next.format}`);
  return h(`?${params.join('&')}`);
}

const link = (id: string, href: string, text: string, current: boolean): string =>
  `<a id="${id}" href="${href}"${current ? ' aria-current="page"' : ''}>${h(text)}</a>`;

function filters(query: ListingQuery): string {
  // Links keep ?format=html when the page was asked for that way (else Accept chooses).
  const html = { format: query.format === 'html' ? ('html' as const) : undefined };
  const q = { ...query, ...html };
  return [
    '<nav id="filters">',
    link('filter-all', hrefFor(q, { type: undefined }), 'all types', query.type === undefined),
    link('filter-dynamic', hrefFor(q, { type: 'dynamic' }), 'dynamic', query.type === 'dynamic'),
    link('filter-static', hrefFor(q, { type: 'static' }), 'static', query.type === 'static'),
    query.onlyChanged
      ? link('filter-changed', hrefFor(q, { onlyChanged: false }), 'all values', false)
      : link('filter-changed', hrefFor(q, { onlyChanged: true }), 'changed only', false),
    link('format-json', hrefFor(query, { format: 'json' }), 'JSON', false),
    '</nav>',
  ].join('\n');
}

const list = (
  id: string,
  itemClass: string,
  heading: string,
  items: readonly string[],
  kind: string,
  note = '',
): string =>
  items.length === 0
    ? ''
    : `<section id="${id}" class="alert alert-${kind}"><h2>${h(heading)}</h2>${note ? `<p>${h(note)}</p>` : ''}<ul>${items
        .map((item) => `<li class="${itemClass}">${h(item)}</li>`)
        .join('')}</ul></section>`;

function flagRow(flag: ListingFlag): string {
  const classes = ['flag'];
  const badges: string[] = [];
  if (flag.is_changed) {
    classes.push('changed');
    badges.push('<span class="badge badge-changed">changed</span>');
  }
  if (flag.pending_restart) {
    classes.push('pending-restart');
    badges.push('<span class="badge badge-pending">pending restart</span>');
  }
  if (flag.sensitive) {
    classes.push('sensitive');
    badges.push('<span class="badge badge-sensitive">sensitive</span>');
  }
  const name = h(flag.name);
  return [
    `<tr id="flag-${name}" class="${classes.join(' ')}" data-flag="${name}">`,
    `<td class="flag-name"><code>${name}</code>${badges.join('')}<div class="meta flag-type">${h(flag.type)}</div></td>`,
    `<td class="flag-current"><pre>${h(flag.current_value)}</pre></td>`,
    `<td class="flag-default"><pre>${h(flag.default_value)}</pre></td>`,
    `<td class="flag-source">${h(flag.source)}</td>`,
    `<td class="flag-last-changed">${h(flag.last_changed ?? '—')}</td>`,
    `<td class="flag-description">${h(flag.description)}</td>`,
    '</tr>',
  ].join('');
}

function group(id: string, title: string, flags: readonly ListingFlag[]): string {
  const body =
    flags.length === 0
      ? `<p class="empty">${h(m.noFlags)}</p>`
      : `<table><thead><tr><th>Name</th><th>Current</th><th>Default</th><th>Source</th><th>Last changed</th><th>Description</th></tr></thead><tbody>${flags
          .map(flagRow)
          .join('')}</tbody></table>`;
  return `<section id="${id}" class="flag-group"><h2>${h(title)} (<span class="count">${flags.length}</span>)</h2>${body}</section>`;
}

const field = (id: string, label: string, value: string | number | boolean | null): string =>
  `<dt>${h(label)}</dt><dd id="${id}">${h(value === null ? '—' : String(value))}</dd>`;

/**
 * renderListingHtml writes the listing as one self-contained HTML document:
 * what needs attention first (not ready, refused values, pending restarts,
 * warnings), then the filters, checksums, dynamic and static flags, and the
 * ConfigMap's status. Every value is escaped; the page has no script and
 * loads nothing.
 */
export function renderListingHtml(doc: ListingDocument, query: ListingQuery): string {
  const c = doc.configmap;
  const groups: string[] = [];
  if (query.type !== 'static')
    groups.push(
      group(
        'flags-dynamic',
        'Dynamic flags',
        doc.flags.filter((f) => f.is_dynamic),
      ),
    );
  if (query.type !== 'dynamic')
    groups.push(
      group(
        'flags-static',
        'Static flags',
        doc.flags.filter((f) => !f.is_dynamic),
      ),
    );
  return [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${h(m.pageTitle(doc.hostname))}</title>`,
    `<style>${LISTING_STYLE}</style>`,
    '</head><body>',
    `<header><h1>Flags <span class="meta">of <code id="registration">${h(doc.registration)}</code> (flag set <code id="flag-set">${h(doc.flag_set)}</code>) on <code id="hostname">${h(doc.hostname)}</code></span></h1>`,
    `<p class="meta" id="summary">ConfigMap version <code id="summary-version">${h(c.version ?? '—')}</code>, generation <span id="summary-generation">${c.generation}</span>, last result <span id="summary-last-result">${h(c.last_result ?? '—')}</span></p></header>`,
    c.ready
      ? ''
      : `<div id="not-ready" class="alert alert-error">${h(`${m.notReady} ${c.refused_at_start.join(', ')}`)}</div>`,
    list('reload-errors', 'reload-error', m.reloadErrorsHeading, c.errors, 'error'),
    list(
      'pending-restart',
      'pending-restart-flag',
      m.pendingRestartHeading,
      c.pending_restart,
      'warning',
      m.pendingRestartNote,
    ),
    list('reload-warnings', 'reload-warning', m.reloadWarningsHeading, c.warnings, 'warning'),
    filters(query),
    '<section id="checksums"><h2>Checksums</h2><dl>',
    field('checksum-dynamic', 'dynamic', doc.checksum_dynamic),
    field('checksum-static', 'static', doc.checksum_static),
    '</dl></section>',
    ...groups,
    '<section id="configmap"><h2>ConfigMap</h2><dl>',
    field('configmap-path', 'path', c.path),
    field('configmap-layout', 'layout', c.layout),
    field('configmap-version', 'version', c.version),
    field('configmap-latest-version', 'latest version seen', c.latest_version),
    field('configmap-generation', 'generation', c.generation),
    field('configmap-last-result', 'last result', c.last_result),
    field('configmap-last-reload', 'last reload', c.last_reload_at),
    field('configmap-last-success', 'last success', c.last_success_at),
    field('configmap-watch-mode', 'watch mode', c.watch_mode),
    field('configmap-ready', 'ready', c.ready),
    c.watcher_error === null
      ? ''
      : field('configmap-watcher-error', 'watcher error', c.watcher_error),
    c.layout_problem === null
      ? ''
      : field('configmap-layout-problem', 'layout problem', c.layout_problem),
    '</dl></section>',
    `<footer class="meta"><p>${h(m.redactedNote)}</p></footer>`,
    '</body></html>',
    '',
  ]
    .filter((part) => part !== '')
    .join('\n');
}
