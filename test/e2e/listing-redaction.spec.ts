import request from 'supertest';
import type { ListingDocument, ListingFlag } from '../../lib/index.js';
import { startListingApp } from './support/listing-app.js';
import type { ListingAdapter, ListingApp } from './support/listing-app.js';

const VALUE_FIELDS = ['current_value', 'default_value', 'value', 'default'] as const;

/** The text of one flag's row on the HTML page. */
const rowOf = (html: string, name: string): string =>
  new RegExp(`<tr id="flag-${name}"[\\s\\S]*?</tr>`).exec(html)?.[0] ?? '';

/** The reload errors and warnings as the HTML page lists them. */
const alertsOf = (html: string): string =>
  [...html.matchAll(/<li class="reload-(?:error|warning)">[\s\S]*?<\/li>/g)]
    .map((m) => m[0])
    .join('\n');

describe.each<ListingAdapter>(['express', 'fastify'])(
  'the listing and sensitive flags on %s',
  (adapter) => {
    let listing: ListingApp | undefined;

    afterEach(async () => {
      await listing?.close();
      listing = undefined;
    });

    async function both(
      app: ListingApp,
    ): Promise<{ doc: ListingDocument; json: string; html: string }> {
      const json = await request(app.server).get('/debug/flags?format=json').expect(200);
      const html = await request(app.server).get('/debug/flags?format=html').expect(200);
      return { doc: json.body as ListingDocument, json: json.text, html: html.text };
    }

    /**
     * expectRedacted: every field that carries a value is exactly `[redacted]` (a short
     * secret occurs by chance in names, timestamps and paths, so "does not contain" proves
     * nothing for it); the other fields hold only what the flag's declaration and layer say.
     */
    function expectRedacted(flag: ListingFlag | undefined): void {
      expect(flag).toBeDefined();
      for (const field of VALUE_FIELDS) expect(flag?.[field], field).toBe('[redacted]');
      const rest = flag as ListingFlag;
      expect(Object.keys(rest).sort()).toEqual(
        [
          'current_value',
          'default',
          'default_value',
          'description',
          'is_changed',
          'is_dynamic',
          'is_json',
          'last_changed',
          'layers',
          'name',
          'overridden_until',
          'pending_restart',
          'sensitive',
          'settable',
          'source',
          'type',
          'value',
        ].sort(),
      );
      expect(rest).toMatchObject({
        sensitive: true,
        is_json: false,
        source: 'configmap',
        overridden_until: null,
        settable: false,
      });
      // Each layer names itself only: its value is redacted like the others.
      expect(rest.layers).toEqual({ default: '[redacted]', configmap: '[redacted]' });
    }

    it.each([
      ['a long secret', 'hunter2-zq9-secret', '4242'],
      ['short values', 'k', '7'],
      ['values that occur in the flag names', 'api_key', '1234'],
      ['a value equal to the description', 'Upstream key', '0'],
    ])(
      'never shows a sensitive value (%s) in JSON or HTML, also once refused',
      async (_case, secret, pin) => {
        listing = await startListingApp({
          adapter,
          payload: { port: '8080', api_key: secret, pin },
        });
        for (const step of [0, 1]) {
          if (step === 1) {
            // A refused sensitive value: the validator's message quotes it, and must not be shown.
            await listing.volume.write({ port: '8080', api_key: `bad${secret}`, pin: '999999' });
            await listing.waitForGeneration(2);
          }
          const { doc, json, html } = await both(listing);
          expectRedacted(doc.flags.find((f) => f.name === 'api_key'));
          expectRedacted(doc.flags.find((f) => f.name === 'pin'));
          const alerts = [...doc.configmap.errors, ...doc.configmap.warnings].join('\n');
          expect(alerts).not.toContain(`bad${secret}`);
          expect(alerts).not.toContain('999999');
          if (secret.startsWith('hunter2')) {
            // A secret that occurs nowhere else: the whole documents must not hold it.

            expect(json).not.toContain(secret);
            expect(html).not.toContain(secret);
          }
          for (const name of ['api_key', 'pin']) {
            const row = rowOf(html, name);
            expect(row).toContain('<td class="flag-current"><pre>[redacted]</pre></td>');
            expect(row).toContain('<td class="flag-default"><pre>[redacted]</pre></td>');
            expect(row.match(/<pre>[\s\S]*?<\/pre>/g)).toEqual([
              '<pre>[redacted]</pre>',
              '<pre>[redacted]</pre>',
            ]);
          }
          expect(alertsOf(html)).not.toContain(`bad${secret}`);
          expect(alertsOf(html)).not.toContain('999999');
          if (step === 1)
            expect(doc.configmap.errors).toEqual([expect.stringContaining('api_key')]);
        }
      },
    );

    it('is_changed of a sensitive flag says whether a layer sets it, never whether the value equals the default', async () => {
      // The ConfigMap sets the sensitive flag to its default: a value comparison would say "unchanged".
      listing = await startListingApp({ adapter, payload: { api_key: '', pin: '1234' } });
      const { doc } = await both(listing);
      expect(doc.flags.find((f) => f.name === 'api_key')).toMatchObject({
        is_changed: true,
        source: 'configmap',
      });
      expect(doc.flags.find((f) => f.name === 'pin')).toMatchObject({
        is_changed: true,
        source: 'configmap',
      });
      const only = await request(listing.server).get('/debug/flags?only_changed=true').expect(200);
      expect((only.body as ListingDocument).flags.map((f) => f.name)).toEqual(['api_key', 'pin']);
    });

    it('renders a <script> value, a refused markup value and a markup description as text', async () => {
      listing = await startListingApp({ adapter });
      await listing.volume.write({
        banner: '<script>window.pwned=1</script>',
        mode: '"><img src=x onerror=alert(1)>',
        rate_limit: '<b>lots</b>',
      });
      await listing.waitForGeneration(2);
      const { html, doc } = await both(listing);
      expect(doc.flags.find((f) => f.name === 'banner')?.current_value).toBe(
        '<script>window.pwned=1</script>',
      );
      expect(html).not.toMatch(/<script|<img|<b>/i);
      expect(rowOf(html, 'banner')).toContain(
        '<pre>&lt;script&gt;window.pwned=1&lt;/script&gt;</pre>',
      );
      expect(rowOf(html, 'mode')).toContain(
        '<pre>&quot;&gt;&lt;img src=x onerror=alert(1)&gt;</pre>',
      );
      expect(alertsOf(html)).toContain('&lt;b&gt;lots&lt;/b&gt;');
    });
  },
);
