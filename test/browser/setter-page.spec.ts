import type { CanActivate, ExecutionContext } from '@nestjs/common';
import type { Page } from 'playwright-core';
import type { SetterApp } from '../e2e/support/setter-app.js';
import { startSetterApp } from '../e2e/support/setter-app.js';
import { launchSystemChromium } from './support/chromium.js';

/** A guard admitting the browser by its session cookie, which the page's fetch sends. */
const sessionGuard: CanActivate = {
  canActivate: (context: ExecutionContext) => {
    const { headers } = context.switchToHttp().getRequest<{ headers: { cookie?: string } }>();
    return /(?:^|; )dflag_session=ok(?:;|$)/.test(headers.cookie ?? '');
  },
};

const launch = await launchSystemChromium();
const browser = launch.browser;

describe.skipIf(!browser)(
  'the setter on the listing page in a real browser (system Chromium)',
  () => {
    let app: SetterApp;
    let page: Page;
    const problems: string[] = [];
    const dialogs: string[] = [];
    let answer: 'accept' | 'dismiss' = 'accept';

    beforeAll(async () => {
      app = await startSetterApp('express', { listen: true, setter: { guards: [sessionGuard] } });
      const context = await browser!.newContext();
      await context.addCookies([{ name: 'dflag_session', value: 'ok', url: app.origin! }]);
      page = await context.newPage();
      page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
      page.on('console', (m) => {
        if (m.type() === 'error') problems.push(`console: ${m.text()}`);
      });
      page.on('dialog', (dialog) => {
        dialogs.push(dialog.message());
        void (answer === 'accept' ? dialog.accept() : dialog.dismiss());
      });
    });

    afterAll(async () => {
      await page?.close();
      await browser?.close();
      await app?.close();
    });

    it('sets a value after a confirmation, shows the answer and the banner, then removes it', async () => {
      await page.goto(`${app.origin}/debug/flags`);
      expect(await page.locator('#runtime-overrides').count()).toBe(0);
      const form = page.locator('form.flag-setter[data-flag=rate_limit]');
      await form.locator('input[name=value]').fill('42');
      await form.locator('input[name=ttl]').fill('5m');

      // Dismissed: nothing is sent.
      answer = 'dismiss';
      await form.locator('button.set').click();
      expect(dialogs.at(-1)).toMatch(/^Set flag "rate_limit" to "42" for 5m on .+ only\?$/);
      expect(app.service.get('rate_limit')).toBe(10);

      answer = 'accept';
      await Promise.all([page.waitForEvent('load'), form.locator('button.set').click()]);
      await page.locator('#runtime-overrides').waitFor();
      expect(app.service.get('rate_limit')).toBe(42);
      expect(await page.locator('#setter-result').textContent()).toMatch(
        /^200 \{"name":"rate_limit","value":"42","source":"runtime","until":"2026-12-01T12:05:00.000Z"/,
      );
      expect(await page.locator('#runtime-overrides li').textContent()).toBe(
        'rate_limit until 2026-12-01T12:05:00.000Z',
      );
      expect(await page.locator('#flag-rate_limit td.flag-current').textContent()).toBe('42');

      // A refusal is shown as it came.
      const refused = page.locator('form.flag-setter[data-flag=rate_limit]');
      await refused.locator('input[name=value]').fill('-1');
      await Promise.all([page.waitForEvent('load'), refused.locator('button.set').click()]);
      expect(await page.locator('#setter-result').textContent()).toMatch(
        /^422 .*must not be negative/,
      );

      const again = page.locator('form.flag-setter[data-flag=rate_limit]');
      await Promise.all([page.waitForEvent('load'), again.locator('button.clear').click()]);
      expect(dialogs.at(-1)).toMatch(/^Remove the runtime value of flag "rate_limit" on .+\?$/);
      expect(app.service.get('rate_limit')).toBe(10);
      expect(await page.locator('#setter-result').textContent()).toMatch(/"cleared":true/);
      expect(await page.locator('#runtime-overrides').count()).toBe(0);
      // The refused request is the one console error (Chromium logs every 4xx fetch); no CSP one.
      expect(problems).toEqual([
        'console: Failed to load resource: the server responded with a status of 422 (Unprocessable Entity)',
      ]);
    });
  },
);
