import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { startListingApp } from '../e2e/support/listing-app.js';
import type { ListingApp } from '../e2e/support/listing-app.js';
import { launchSystemChromium } from './support/chromium.js';

const ARTIFACTS = resolve(import.meta.dirname, '../../test-artifacts');
const ATTACK =
  '<script>window.__pwned = 1; document.title = "pwned"</script><img src=x onerror="window.__pwned = 2">';
const SECRET = 'sk_browser_51Hq';

const launch = await launchSystemChromium();
const browser = launch.browser;

describe.skipIf(!browser)('the listing page in a real browser (system Chromium)', () => {
  let listing: ListingApp;
  let page: Page;
  const requests: string[] = [];
  const problems: string[] = [];

  beforeAll(async () => {
    listing = await startListingApp({
      listen: true,
      payload: { port: '8080', rate_limit: '10', mode: 'fast', banner: ATTACK, api_key: SECRET },
    });
    page = await browser!.newPage();
    page.on('request', (r) => requests.push(r.url()));
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
  });

  afterAll(async () => {
    await page?.close();
    await browser?.close();
    await listing?.close();
  });

  it('renders the flags in groups, a <script> value as text that runs nothing, secrets redacted', async () => {
    const response = await page.goto(`${listing.origin}/debug/flags`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-type']).toMatch(/^text\/html/);

    const banner = page.locator('#flag-banner td.flag-current');
    expect(await banner.textContent()).toBe(ATTACK);
    expect(await page.evaluate(() => (globalThis as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.title()).not.toBe('pwned');
    expect(await page.locator('#flag-banner img').count()).toBe(0);

    expect(await page.locator('#flags-dynamic tr.flag').count()).toBe(7);
    expect(await page.locator('#flags-static tr.flag').count()).toBe(2);
    expect(await page.locator('#flag-rate_limit td.flag-current').textContent()).toBe('10');
    expect(await page.locator('#flag-rate_limit').getAttribute('class')).toContain('changed');
    expect(await page.locator('#flag-api_key td.flag-current').textContent()).toBe('[redacted]');
    expect(await page.content()).not.toContain(SECRET);

    // The inline style sheet applies under the CSP (allowed by its hash), and nothing else loads.
    expect(
      await page.locator('body').evaluate((body) => {
        // The page's globals, typed here (the project compiles without the DOM's types).
        const view = globalThis as unknown as {
          getComputedStyle(element: unknown): { marginTop: string };
        };
        return view.getComputedStyle(body).marginTop;
      }),
    ).toBe('21px');
    expect(requests.every((url) => url.startsWith(`${listing.origin}/`))).toBe(true);
  });

  it('puts the last reload errors and pending restarts above the flags', async () => {
    await listing.volume.write({ port: '9090', rate_limit: '-1', mode: 'fast', banner: 'hi' });
    await listing.waitForGeneration(2);
    await page.goto(`${listing.origin}/debug/flags`);

    expect(await page.locator('#reload-errors li.reload-error').textContent()).toContain(
      'rate_limit',
    );
    expect(await page.locator('#pending-restart li.pending-restart-flag').textContent()).toBe(
      'port',
    );
    const top = async (selector: string) => (await page.locator(selector).boundingBox())!.y;
    expect(await top('#reload-errors')).toBeLessThan(await top('#flags-dynamic'));
    expect(await top('#pending-restart')).toBeLessThan(await top('#flags-dynamic'));
    expect(await page.locator('#flag-banner td.flag-current').textContent()).toBe('hi');
    expect(await page.locator('#checksum-dynamic').textContent()).toBe(
      listing.service.status().checksums.dynamic,
    );
  });

  it('filters by following its links, and the JSON link gives JSON', async () => {
    await page.goto(`${listing.origin}/debug/flags`);
    await page.click('#filter-static');
    expect(new URL(page.url()).searchParams.get('type')).toBe('static');
    expect(await page.locator('tr.flag').count()).toBe(2); // port and pin
    expect(await page.locator('#filter-static').getAttribute('aria-current')).toBe('page');

    await page.click('#filter-changed');
    expect(new URL(page.url()).searchParams.get('only_changed')).toBe('true');
    const changed = await page
      .locator('tr.flag')
      .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-flag')));
    // The filters combine: the changed static flags (port differs from its default, pin does not).
    expect(new URL(page.url()).searchParams.get('type')).toBe('static');
    expect(changed).toEqual(['port']);

    const json = await page.goto(`${listing.origin}/debug/flags?format=json`);
    expect(json?.headers()['content-type']).toMatch(/^application\/json/);
    expect((await json!.json()).checksum_dynamic).toBe(listing.service.status().checksums.dynamic);
  });

  it('keeps a screenshot of the page as a test artefact, with no script error on the way', async () => {
    await page.goto(`${listing.origin}/debug/flags`);
    await mkdir(ARTIFACTS, { recursive: true });
    const path = resolve(ARTIFACTS, 'listing-page.png');
    await page.screenshot({ path, fullPage: true });
    expect(problems).toEqual([]);
  });
});
