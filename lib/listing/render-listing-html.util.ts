import { escapeHtml as h } from './escape-html.util.js';
import type { ListingDocument, ListingFlag } from './listing-document.interface.js';
import { listingMessages as m } from './listing-messages.constant.js';
import type { ListingQuery } from './listing-query.interface.js';
import { LISTING_STYLE } from './listing-style.constant.js';
import { setterMessages as sm } from './setter-messages.constant.js';
import { SETTER_ROUTE, SETTER_SCRIPT_ROUTE } from './setter.constants.js';

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

/** setterForm is a settable flag's form (driven by the setter script: no action, no inline code). */
function setterForm(flag: ListingFlag): string {
  if (!flag.settable) return '<td class="flag-setter"></td>';
  const name = h(flag.name);
  const type = flag.sensitive ? 'password' : 'text';
  return [
    `<td class="flag-setter"><form class="flag-setter" data-flag="${name}">`,
    `<input name="value" type="${type}" autocomplete="off" aria-label="${h(`value of ${flag.name}`)}" placeholder="value">`,
    ` <input name="ttl" type="text" size="5" autocomplete="off" aria-label="ttl" placeholder="15m">`,
    ' <button type="button" class="set">Set</button>',
    ' <button type="button" class="clear">Remove</button>',
    flag.overridden_until
      ? `<div class="meta overridden-until">until ${h(flag.overridden_until)}</div>`
      : '',
    '</form></td>',
  ].join('');
}

function flagRow(flag: ListingFlag, setter: boolean): string {
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
  if (flag.overridden_until !== null) {
    classes.push('overridden-at-runtime');
    badges.push('<span class="badge badge-runtime">runtime</span>');
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
    setter ? setterForm(flag) : '',
    '</tr>',
  ].join('');
}

function group(id: string, title: string, flags: readonly ListingFlag[], setter: boolean): string {
  const setterHead = setter ? `<th>${h(sm.setterHeading)}</th>` : '';
  const body =
    flags.length === 0
      ? `<p class="empty">${h(m.noFlags)}</p>`
      : `<table><thead><tr><th>Name</th><th>Current</th><th>Default</th><th>Source</th><th>Last changed</th><th>Description</th>${setterHead}</tr></thead><tbody>${flags
          .map((flag) => flagRow(flag, setter))
          .join('')}</tbody></table>`;
  return `<section id="${id}" class="flag-group"><h2>${h(title)} (<span class="count">${flags.length}</span>)</h2>${body}</section>`;
}

const field = (id: string, label: string, value: string | number | boolean | null): string =>
  `<dt>${h(label)}</dt><dd id="${id}">${h(value === null ? '—' : String(value))}</dd>`;

/** scriptUrl is the setter script's path, beside the setter's (both under the listing's path). */
const scriptUrl = (setUrl: string): string =>
  `${setUrl.slice(0, -SETTER_ROUTE.length)}${SETTER_SCRIPT_ROUTE}`;

/**
 * renderListingHtml writes the listing as one self-contained HTML document:
 * what needs attention first (not ready, refused values, pending restarts,
 * warnings), then the filters, checksums, dynamic and static flags, and the
 * ConfigMap's status. Every value is escaped; the page loads nothing but,
 * when the setter is on, its one same-origin script (which drives a form per
 * settable flag), and holds no inline script.
 */
export function renderListingHtml(doc: ListingDocument, query: ListingQuery): string {
  const c = doc.configmap;
  const setter = doc.set_url !== '';
  const until = new Map(doc.flags.map((f) => [f.name, f.overridden_until]));
  const overrides = c.overridden_at_runtime.map((name) =>
    sm.overrideItem(name, until.get(name) ?? null),
  );
  const groups: string[] = [];
  if (query.type !== 'static')
    groups.push(
      group(
        'flags-dynamic',
        'Dynamic flags',
        doc.flags.filter((f) => f.is_dynamic),
        setter,
      ),
    );
  if (query.type !== 'dynamic')
    groups.push(
      group(
        'flags-static',
        'Static flags',
        doc.flags.filter((f) => !f.is_dynamic),
        setter,
      ),
    );
  return [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${h(m.pageTitle(doc.hostname))}</title>`,
    `<style>${LISTING_STYLE}</style>`,
    '</head>',
    setter
      ? `<body data-set-url="${h(doc.set_url)}" data-hostname="${h(doc.hostname)}">`
      : '<body>',
    list(
      'runtime-overrides',
      'runtime-override',
      sm.overridesHeading,
      overrides,
      'warning',
      sm.overridesNote,
    ),
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
    setter ? '<p id="setter-result" class="meta" role="status"></p>' : '',
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
    setter ? `<script src="${h(scriptUrl(doc.set_url))}"></script>` : '',
    '</body></html>',
    '',
  ]
    .filter((part) => part !== '')
    .join('\n');
}
