import { VersioningType } from '@nestjs/common';
import request from 'supertest';
import type { ListingDocument, ListingFlag } from '../../lib/index.js';
import { startListingApp } from './support/listing-app.js';
import type { ListingAdapter, ListingApp } from './support/listing-app.js';
import { getWithoutHost } from './support/raw-request.js';

const BROWSER_ACCEPT =
  'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';

const flagOf = (doc: ListingDocument, name: string): ListingFlag | undefined =>
  doc.flags.find((f) => f.name === name);

/** expectLockedDown asserts the headers every listing response carries. */
function expectLockedDown(headers: Record<string, unknown>): void {
  const csp = String(headers['content-security-policy']);
  expect(csp).toMatch(/^default-src 'none'; /);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).not.toContain('unsafe-inline');
  expect(csp).not.toContain('script-src');
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['cache-control']).toBe('no-store');
}

describe.each<ListingAdapter>(['express', 'fastify'])('the flag listing on %s', (adapter) => {
  let listing: ListingApp | undefined;

  afterEach(async () => {
    await listing?.close();
    listing = undefined;
  });

  it('after a ConfigMap swap, JSON carries Go dflag fields and the typed ones: changed values, the refused value, a static flag pending restart', async () => {
    listing = await startListingApp({ adapter });
    await listing.volume.write({
      port: '9999',
      rate_limit: '-5',
      mode: 'slow',
      limits: '{"tier":"gold","burst":9}',
      tags: 'c,a',
      timeout: '2s',
    });
    await listing.waitForGeneration(2);

    const response = await request(listing.server).get('/debug/flags').expect(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expectLockedDown(response.headers);
    const doc = response.body as ListingDocument;

    // Go's top-level fields, with Go's meanings.
    const status = listing.service.status();
    expect(doc.checksum_dynamic).toBe(status.checksums.dynamic);
    expect(doc.checksum_static).toBe(status.checksums.static);
    expect(doc.set_url).toBe('');
    expect(doc.flags.map((f) => f.name)).toEqual([
      'api_key',
      'banner',
      'limits',
      'mode',
      'pin',
      'port',
      'rate_limit',
      'tags',
      'timeout',
    ]);

    expect(flagOf(doc, 'mode')).toEqual({
      name: 'mode',
      description: 'Serving mode',
      current_value: 'slow',
      default_value: 'normal',
      is_changed: true,
      is_dynamic: true,
      is_json: false,
      type: 'string',
      value: 'slow',
      default: 'normal',
      source: 'configmap',
      last_changed: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      pending_restart: false,
      sensitive: false,
      overridden_until: null,
      settable: false,
      layers: { default: 'normal', configmap: 'slow' },
    });
    // JSON pretty-printed as Go's json.Indent with two spaces; the typed value beside it.
    expect(flagOf(doc, 'limits')).toMatchObject({
      current_value: '{\n  "tier": "gold",\n  "burst": 9\n}',
      default_value: '{\n  "burst": 5\n}',
      is_json: true,
      is_changed: true,
      type: 'json',
      value: { tier: 'gold', burst: 9 },
      default: { burst: 5 },
    });
    expect(flagOf(doc, 'tags')).toMatchObject({
      current_value: 'a,c',
      value: ['a', 'c'],
      default: ['a', 'b'],
      type: 'set',
    });
    expect(flagOf(doc, 'timeout')).toMatchObject({
      current_value: '2s',
      default_value: '1s',
      value: 2000,
      default: 1000,
      type: 'duration',
    });
    // The refused value keeps the last good one.
    expect(flagOf(doc, 'rate_limit')).toMatchObject({
      current_value: '10',
      value: 10,
      is_changed: true,
    });
    // The static flag keeps its start value, pending restart.
    expect(flagOf(doc, 'port')).toMatchObject({
      current_value: '8080',
      is_dynamic: false,
      pending_restart: true,
    });
    expect(flagOf(doc, 'banner')).toMatchObject({
      is_changed: false,
      source: 'default',
      last_changed: null,
    });

    expect(doc.configmap).toMatchObject({
      path: listing.volume.dir,
      layout: 'kubelet',
      version: expect.stringMatching(/^\.\.\d{4}_/),
      latest_version: expect.stringMatching(/^\.\.\d{4}_/),
      generation: 2,
      last_result: 'partial',
      errors: [expect.stringContaining('rate_limit')],
      pending_restart: ['port'],
      last_reload_at: expect.any(String),
      last_success_at: expect.any(String),
      watch_mode: 'events',
      ready: true,
    });
    expect(doc.configmap.errors[0]).toContain('"-5"');
    expect(doc.hostname).toBe((await import('node:os')).hostname());
    expect(doc.registration).toBe('default');
    expect(doc.flag_set).toBe('app');
    expect(doc.filters).toEqual({ type: null, only_changed: false });
  });

  it('the HTML page puts the refused value and the pending restart at the top, groups dynamic and static flags, marks changes', async () => {
    listing = await startListingApp({ adapter });
    await listing.volume.write({ port: '9999', rate_limit: '-5', mode: 'slow' });
    await listing.waitForGeneration(2);
    const response = await request(listing.server)
      .get('/debug/flags')
      .set('Accept', BROWSER_ACCEPT)
      .expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/html; charset=utf-8/);
    expectLockedDown(response.headers);
    const html = response.text;
    expect(html).toMatch(/^<!DOCTYPE html>/);
    const at = (marker: string): number => {
      const index = html.indexOf(marker);
      expect(index, marker).toBeGreaterThan(0);
      return index;
    };
    // Attention first: refused values and pending restarts before the filters and the flags.
    expect(at('id="reload-errors"')).toBeLessThan(at('id="filters"'));
    expect(at('id="pending-restart"')).toBeLessThan(at('id="filters"'));
    expect(html).toMatch(/<li class="reload-error">[^<]*rate_limit[^<]*&quot;-5&quot;/);
    expect(html).toContain('<li class="pending-restart-flag">port</li>');
    expect(at('id="flags-dynamic"')).toBeLessThan(at('id="flags-static"'));
    const dynamic = html.slice(at('id="flags-dynamic"'), at('id="flags-static"'));
    expect(dynamic).toContain('data-flag="mode"');
    expect(dynamic).not.toContain('data-flag="port"');
    expect(html).toMatch(/<tr id="flag-mode" class="flag changed" data-flag="mode">/);
    expect(html).toMatch(/<tr id="flag-banner" class="flag" data-flag="banner">/);
    expect(html).toMatch(
      /<tr id="flag-port" class="flag changed pending-restart" data-flag="port">/,
    );
    expect(html).toContain(
      `<dd id="checksum-dynamic">${listing.service.status().checksums.dynamic}</dd>`,
    );
    expect(html).toContain('<a id="filter-static" href="?type=static">');
    expect(html).toContain('<a id="format-json" href="?format=json">');
    // Self-contained: no script, nothing loaded from elsewhere, the one style allowed by its hash.
    expect(html).not.toMatch(/<script|<link|src=|https?:/i);
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
    const { createHash } = await import('node:crypto');
    const hash = createHash('sha256').update(style).digest('base64');
    expect(response.headers['content-security-policy']).toContain(`style-src 'sha256-${hash}'`);
  });

  it('chooses the format from Accept, and ?format= overrides it', async () => {
    listing = await startListingApp({ adapter });
    const type = async (accept: string | undefined, query = ''): Promise<string> => {
      const call = request(listing!.server).get(`/debug/flags${query}`);
      if (accept !== undefined) call.set('Accept', accept);
      const response = await call.expect(200);
      return String(response.headers['content-type']).split(';')[0] ?? '';
    };
    expect(await type(undefined)).toBe('application/json');
    expect(await type('*/*')).toBe('application/json');
    expect(await type('application/json')).toBe('application/json');
    expect(await type(BROWSER_ACCEPT)).toBe('text/html');
    expect(await type('application/json, text/html;q=0.5')).toBe('application/json');
    expect(await type('text/html;q=0')).toBe('application/json');
    expect(await type(BROWSER_ACCEPT, '?format=json')).toBe('application/json');
    expect(await type('application/json', '?format=html')).toBe('text/html');
  });

  it('filters by type and by change, and keeps checksums and status whole', async () => {
    listing = await startListingApp({ adapter });
    const names = async (query: string): Promise<string[]> => {
      const { body } = await request(listing!.server).get(`/debug/flags${query}`).expect(200);
      return (body as ListingDocument).flags.map((f) => f.name);
    };
    expect(await names('?type=static')).toEqual(['pin', 'port']);
    expect(await names('?type=dynamic')).toEqual([
      'api_key',
      'banner',
      'limits',
      'mode',
      'rate_limit',
      'tags',
      'timeout',
    ]);
    expect(await names('?only_changed=true')).toEqual(['mode', 'port', 'rate_limit']);
    expect(await names('?only_changed=false')).toHaveLength(9);
    expect(await names('?only_changed=true&type=static')).toEqual(['port']);
    expect(await names('?type=')).toHaveLength(9);
    const { body } = await request(listing.server).get('/debug/flags?type=static').expect(200);
    expect((body as ListingDocument).checksum_dynamic).toBe(
      listing.service.status().checksums.dynamic,
    );
    expect((body as ListingDocument).filters).toEqual({ type: 'static', only_changed: false });

    const html = await request(listing.server)
      .get('/debug/flags?type=static&only_changed=true&format=html')
      .expect(200);
    expect(html.text).not.toContain('id="flags-dynamic"');
    expect(html.text).toContain('data-flag="port"');
    expect(html.text).not.toContain('data-flag="pin"');
    // Filter links keep the other filters, and the format the page was asked in.
    expect(html.text).toContain(
      '<a id="filter-dynamic" href="?type=dynamic&amp;only_changed=true&amp;format=html">',
    );
    expect(html.text).toContain(
      '<a id="filter-static" href="?type=static&amp;only_changed=true&amp;format=html" aria-current="page">',
    );
    expect(html.text).toContain(
      '<a id="filter-changed" href="?type=static&amp;format=html">all values</a>',
    );
  });

  it('refuses a bad parameter with 400 naming it and what it accepts, the value escaped, with the same headers', async () => {
    listing = await startListingApp({ adapter });
    const cases: Array<[string, RegExp]> = [
      ['?format=xml', /^Invalid query parameter "format": "xml"; accepted: "json", "html"\n$/],
      ['?type=both', /^Invalid query parameter "type": "both"; accepted: "dynamic", "static"\n$/],
      [
        '?only_changed=yes',
        /^Invalid query parameter "only_changed": "yes"; accepted: "true", "false"\n$/,
      ],
      ['?type=static&type=dynamic', /^Invalid query parameter "type": given more than once/],
      [
        `?format=${encodeURIComponent('<script>alert(1)</script>\n')}`,
        /^Invalid query parameter "format": "<script>alert\(1\)<\/script>\\n"; accepted/,
      ],
    ];
    for (const [query, expected] of cases) {
      const response = await request(listing.server)
        .get(`/debug/flags${query}`)
        .set('Accept', BROWSER_ACCEPT);
      expect(response.status, query).toBe(400);
      expect(response.headers['content-type'], query).toMatch(/^text\/plain; charset=utf-8/);
      expectLockedDown(response.headers);
      expect(response.text, query).toMatch(expected);
    }
  });

  it('answers HEAD like GET without a body, and refuses other methods with 405 and Allow', async () => {
    listing = await startListingApp({ adapter });
    const head = await request(listing.server).head('/debug/flags').expect(200);
    expect(head.headers['content-type']).toMatch(/^application\/json/);
    expectLockedDown(head.headers);
    expect(head.text ?? '').toBe('');
    for (const method of ['post', 'put', 'patch', 'delete', 'options'] as const) {
      const response = await request(listing.server)[method]('/debug/flags');
      expect(response.status, method).toBe(405);
      expect(response.headers.allow, method).toBe('GET, HEAD');
      expectLockedDown(response.headers);
    }
  });

  it('refuses a Host that is not allowed (403, escaped) and a request without Host; allows localhost, IPs and the pod name', async () => {
    listing = await startListingApp({ adapter });
    const evil = await request(listing.server)
      .get('/debug/flags')
      .set('Host', 'rebind.attacker.example:8080')
      .expect(403);
    expect(evil.headers['content-type']).toMatch(/^text\/plain/);
    expectLockedDown(evil.headers);
    expect(evil.text).toContain('"rebind.attacker.example:8080"');
    expect(evil.text).toContain('allowedHosts');
    expect(evil.text).not.toContain('"flags"');

    const { hostname } = await import('node:os');
    for (const host of [
      'localhost:3000',
      'LOCALHOST',
      '127.0.0.1:80',
      '10.1.2.3',
      '[::1]:8080',
      hostname(),
    ]) {
      await request(listing.server).get('/debug/flags').set('Host', host).expect(200);
    }
    for (const host of ['localhost.attacker.example', '127.0.0.1.nip.io', '[::1', 'a b']) {
      const response = await request(listing.server).get('/debug/flags').set('Host', host);
      expect(response.status, host).toBe(403);
    }
    const missing = await getWithoutHost(listing.server, '/debug/flags');
    expect(missing.status).toBe(403);
    expect(missing.text).toContain('no Host header');
    expect(missing.text.toLowerCase()).toContain('x-content-type-options: nosniff');
  });

  it('is version-neutral under a global prefix with URI versioning, and at a path of its own', async () => {
    listing = await startListingApp({
      adapter,
      listing: { path: '/internal/flags/' },
      configure: (app) => {
        app.setGlobalPrefix('api');
        app.enableVersioning({ type: VersioningType.URI, defaultVersion: '1' });
      },
    });
    const { body } = await request(listing.server).get('/api/internal/flags').expect(200);
    expect((body as ListingDocument).flags).toHaveLength(9);
    await request(listing.server).get('/api/v1/internal/flags').expect(404);
    await request(listing.server).get('/internal/flags').expect(404);
    await request(listing.server).get('/api/debug/flags').expect(404);
  });
});
