import { buildListing } from '../../../lib/listing/build-listing.util.js';
import { escapeHtml } from '../../../lib/listing/escape-html.util.js';
import { renderListingHtml } from '../../../lib/listing/render-listing-html.util.js';
import type { ListingQuery } from '../../../lib/listing/listing-query.interface.js';
import type { ConfigMapStatus } from '../../../lib/index.js';
import { FlagSet, defineFlags, flag } from '../../../lib/index.js';

const NO_FILTER: ListingQuery = { format: undefined, type: undefined, onlyChanged: false };

function statusOf(overrides: Partial<ConfigMapStatus> = {}): ConfigMapStatus {
  return {
    path: '/etc/dflag',
    layout: 'kubelet',
    version: '..2026_01_01',
    latestVersion: '..2026_01_01',
    latestRefused: false,
    generation: 1,
    lastReloadAt: undefined,
    lastResult: 'applied',
    lastSuccessAt: undefined,
    errors: [],
    warnings: [],
    pendingRestart: [],
    checksums: { dynamic: 'd1', static: 's1' },
    watchMode: 'events',
    watcherError: undefined,
    directoryMissing: false,
    layoutProblem: undefined,
    startedOnFallbacks: false,
    ready: true,
    refusedAtStart: [],
    overriddenAtRuntime: [],
    unknownKeys: [],
    refusedFlags: [],
    ...overrides,
  };
}

function render(
  status: ConfigMapStatus,
  setUp?: (set: FlagSet) => void,
  query = NO_FILTER,
): string {
  const flagSet = new FlagSet('unit');
  defineFlags(
    {
      note: flag.string({ default: 'a & b', description: 'Say "<hi>"', dynamic: true }),
      port: flag.int({ default: 1, description: 'port' }),
    },
    flagSet,
  );
  setUp?.(flagSet);
  const doc = buildListing({ flagSet, status, registration: "r'1", hostname: '<pod>' }, query);
  return renderListingHtml(doc, query);
}

describe('escapeHtml', () => {
  it('escapes the five HTML metacharacters and makes control and bidi characters visible, keeping line breaks', () => {
    expect(escapeHtml(`<a href="x" title='y'>&amp;</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;',
    );
    expect(escapeHtml('a\u202eb\u0007c\nd')).toBe('a\\u202eb\\u0007c\nd');
    expect(escapeHtml('plain text')).toBe('plain text');
  });
});

describe('renderListingHtml', () => {
  it('escapes every value, description, host name and registration name', () => {
    const html = render(statusOf(), (set) => set.override({ note: '</pre><script>x()</script>' }));
    expect(html).not.toContain('<script>');
    expect(html).toContain('<pre>&lt;/pre&gt;&lt;script&gt;x()&lt;/script&gt;</pre>');
    expect(html).toContain('<pre>a &amp; b</pre>');
    expect(html).toContain('Say &quot;&lt;hi&gt;&quot;');
    expect(html).toContain('<title>Flags on &lt;pod&gt;</title>');
    expect(html).toContain('<code id="registration">r&#39;1</code>');
  });

  it('shows errors, pending restarts and not-ready first, only when there are any', () => {
    const calm = render(statusOf());
    expect(calm).not.toMatch(/id="(reload-errors|pending-restart|reload-warnings|not-ready)"/);
    const troubled = render(
      statusOf({
        errors: ['Flag "x": refused "<b>"'],
        warnings: ['Unknown key y'],
        pendingRestart: ['port'],
        ready: false,
        refusedAtStart: ['x'],
      }),
    );
    const order = [
      'id="not-ready"',
      'id="reload-errors"',
      'id="pending-restart"',
      'id="reload-warnings"',
      'id="filters"',
      'id="flags-dynamic"',
    ].map((marker) => troubled.indexOf(marker));
    expect(order.every((index) => index > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(troubled).toContain(
      '<li class="reload-error">Flag &quot;x&quot;: refused &quot;&lt;b&gt;&quot;</li>',
    );
    expect(troubled).toMatch(/<tr id="flag-port" class="flag pending-restart"/);
  });

  it('shows only the group asked for, and says when no flag matches', () => {
    const html = render(statusOf(), undefined, { ...NO_FILTER, type: 'static', onlyChanged: true });
    expect(html).not.toContain('id="flags-dynamic"');
    expect(html).toContain(
      '<section id="flags-static" class="flag-group"><h2>Static flags (<span class="count">0</span>)</h2><p class="empty">No flags match.</p>',
    );
  });
});
