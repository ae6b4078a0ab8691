import type { ExecutionContext } from '@nestjs/common';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { hostname } from 'node:os';
import request from 'supertest';
import { DflagListingModule, DflagSetupError } from '../../lib/index.js';
import type { ListingDocument, SetAnswer } from '../../lib/index.js';
import { eventually } from '../utils/eventually.js';
import { AUTH, startSetterApp } from './support/setter-app.js';
import type { SetterApp } from './support/setter-app.js';
import type { ListingAdapter } from './support/listing-app.js';

const FIFTEEN_MINUTES = 15 * 60_000;

const listingOf = async (app: SetterApp): Promise<ListingDocument> =>
  (await request(app.server).get('/debug/flags').expect(200)).body as ListingDocument;

/** rawGet sends a GET with this exact request target (supertest only sends paths) and reads it all. */
function rawGet(port: number, target: string, accept: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.end(
        `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: ${accept}\r\nConnection: close\r\n\r\n`,
      );
    });
    let text = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (text += chunk));
    socket.on('end', () => resolve(text));
    socket.on('error', reject);
  });
}

describe('the runtime setter refused at start', () => {
  it('without guards, saying what to add; with an empty guard list too', () => {
    const attempt = (setter: unknown) => () =>
      DflagListingModule.register({ setter } as Parameters<typeof DflagListingModule.register>[0]);
    expect(attempt({ allow: ['rate_limit'] })).toThrow(DflagSetupError);
    expect(attempt({ allow: ['rate_limit'] })).toThrow(
      /guards is missing: expected a non-empty array of guards .*guards: \[new BearerTokenGuard\(\{ file: "\/etc\/dflag-token\/token" \}\)\]/,
    );
    expect(attempt({ allow: ['rate_limit'], guards: [] })).toThrow(/guards.*non-empty array/);
    expect(attempt({ guards: [{ canActivate: () => true }] })).toThrow(/allow is missing/);
    expect(attempt({ allow: ['x'], guards: [{ canActivate: () => true }], maxTtl: '0s' })).toThrow(
      /maxTtl.*a duration of at least 1s/,
    );
  });
});

describe('the runtime setter refused when the application starts', () => {
  const guards = [{ canActivate: () => true }];

  it('names an allowed flag that is not declared, or static', async () => {
    const { startListingApp } = await import('./support/listing-app.js');
    await expect(
      startListingApp({ listing: { setter: { allow: ['rate_limit', 'nope'], guards } } }),
    ).rejects.toThrow("The runtime setter's allow list names flags that are not declared: nope");
    await expect(
      startListingApp({ listing: { setter: { allow: ['port'], guards } } }),
    ).rejects.toThrow(
      /allow list names static flags, which a runtime value would never change: port/,
    );
  });

  it('refuses a second setter for the same registration', async () => {
    const { startListingApp } = await import('./support/listing-app.js');
    await expect(
      startListingApp({
        listing: { setter: { allow: ['mode'], guards } },
        imports: [
          DflagListingModule.register({ path: '/debug/more', setter: { allow: ['mode'], guards } }),
        ],
      }),
    ).rejects.toThrow(
      /Two DflagListingModule registrations serve a setter for the registration "default"/,
    );
  });
});

describe.each<ListingAdapter>(['express', 'fastify'])('the runtime setter on %s', (adapter) => {
  let app: SetterApp | undefined;

  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('sets a value for the default 15 minutes, then falls back to the ConfigMap value on expiry', async () => {
    app = await startSetterApp(adapter);
    const response = await app.post({ name: 'rate_limit', value: '42' }).expect(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.body).toEqual<SetAnswer>({
      name: 'rate_limit',
      value: '42',
      source: 'runtime',
      until: '2026-12-01T12:15:00.000Z',
      ttl: '15m',
      set_by: 'ops',
      hostname: hostname(),
    });
    expect(app.service.get('rate_limit')).toBe(42);

    // The event, the log line, the status, the listing.
    await eventually(() =>
      expect(app!.recorder.changed.at(-1)).toMatchObject({
        name: 'rate_limit',
        previous: 10,
        current: 42,
        source: 'runtime',
        previousSource: 'configmap',
      }),
    );
    expect(app.logger.lines).toContain(
      'warn Flag "rate_limit" set at run time to 42 until 2026-12-01T12:15:00.000Z (15m) by ops; it falls back to its ConfigMap value then',
    );
    expect(app.service.status().overriddenAtRuntime).toEqual(['rate_limit']);
    const doc = await listingOf(app);
    expect(doc.set_url).toBe('/debug/flags/set');
    expect(doc.configmap.overridden_at_runtime).toEqual(['rate_limit']);
    expect(doc.flags.find((f) => f.name === 'rate_limit')).toMatchObject({
      value: 42,
      source: 'runtime',
      overridden_until: '2026-12-01T12:15:00.000Z',
      settable: true,
    });
    expect(doc.flags.find((f) => f.name === 'port')).toMatchObject({
      overridden_until: null,
      settable: false,
    });

    app.clock.advance(FIFTEEN_MINUTES - 1);
    expect(app.service.get('rate_limit')).toBe(42);
    app.clock.advance(1);
    expect(app.service.get('rate_limit')).toBe(10);
    expect(app.service.handle('rate_limit').source).toBe('configmap');
    await eventually(() =>
      expect(app!.recorder.changed.at(-1)).toMatchObject({
        name: 'rate_limit',
        previous: 42,
        current: 10,
        source: 'configmap',
        previousSource: 'runtime',
      }),
    );
    expect(app.logger.lines.at(-1)).toBe(
      'log Flag "rate_limit": its runtime value expired; it falls back to its ConfigMap value',
    );
    expect(app.service.status().overriddenAtRuntime).toEqual([]);
    const after = await listingOf(app);
    expect(after.configmap.overridden_at_runtime).toEqual([]);
    expect(after.flags.find((f) => f.name === 'rate_limit')?.overridden_until).toBeNull();
  });

  it('a ConfigMap swap while a runtime value lasts: the runtime value serves, then the new ConfigMap value', async () => {
    app = await startSetterApp(adapter);
    await app.post({ name: 'rate_limit', value: '42', ttl: '5m' }).expect(200);
    await app.volume.write({ port: '8080', rate_limit: '20', mode: 'fast' });
    await app.waitForGeneration(2);
    expect(app.service.get('rate_limit')).toBe(42);
    expect(app.service.handle('rate_limit').valueFrom('configmap')).toBe(20);
    app.clock.advance(5 * 60_000);
    expect(app.service.get('rate_limit')).toBe(20);
    expect(app.service.handle('rate_limit').source).toBe('configmap');
  });

  it('DELETE removes the value at once (and answers cleared: false when there was none)', async () => {
    app = await startSetterApp(adapter);
    await app.post({ name: 'mode', value: 'slow' }).expect(200);
    const cleared = await app.del({ name: 'mode' }).expect(200);
    expect(cleared.body).toEqual({
      name: 'mode',
      value: 'fast',
      source: 'configmap',
      cleared: true,
      cleared_by: 'ops',
      hostname: hostname(),
    });
    await eventually(() =>
      expect(app!.recorder.changed.at(-1)).toMatchObject({
        name: 'mode',
        current: 'fast',
        source: 'configmap',
        previousSource: 'runtime',
      }),
    );
    expect(app.logger.lines.at(-1)).toBe(
      'log Flag "mode": its runtime value was removed by ops; it falls back to its ConfigMap value',
    );
    expect(app.clock.pending).toBe(0);
    const again = await app.del({ name: 'mode' }).expect(200);
    expect(again.body).toMatchObject({ cleared: false, value: 'fast' });
  });

  it('is refused by the guard (401) without the token, or with another one', async () => {
    app = await startSetterApp(adapter);
    const body = JSON.stringify({ name: 'rate_limit', value: '42' });
    const none = await request(app.server)
      .post('/debug/flags/set')
      .set('Content-Type', 'application/json')
      .send(body)
      .expect(401);
    expect(none.body).toEqual({
      statusCode: 401,
      error: 'Unauthorized',
      message: 'a valid "Authorization: Bearer <token>" header is required',
    });
    await request(app.server)
      .delete('/debug/flags/set')
      .set('Authorization', 'Bearer wrong')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ name: 'rate_limit' }))
      .expect(401);
    expect(app.service.get('rate_limit')).toBe(10);
  });

  it("names passport's request.user by its username, escaped, never the whole object", async () => {
    const passportLike = {
      canActivate: (context: ExecutionContext) => {
        const req = context.switchToHttp().getRequest<Record<string, unknown>>();
        req.user = { username: 'alice\nWARN forged line', token: 'tok_9Qx' };
        return true;
      },
    };
    app = await startSetterApp(adapter, { setter: { guards: [passportLike] } });
    const set = await app.post({ name: 'mode', value: 'slow' }).expect(200);
    expect(set.body.set_by).toBe('alice\nWARN forged line');
    const line = app.logger.lines.find((l) => l.includes('set at run time'));
    expect(line).toBe(
      'warn Flag "mode" set at run time to slow until 2026-12-01T12:15:00.000Z (15m) by alice\\nWARN forged line; it falls back to its ConfigMap value then',
    );
    expect(app.logger.lines.join('\n')).not.toContain('tok_9Qx');
  });

  it('a guard returning false answers 403; the listing guards apply to the setter too', async () => {
    app = await startSetterApp(adapter, { setter: { guards: [{ canActivate: () => false }] } });
    const refused = await app.post({ name: 'rate_limit', value: '42' }).expect(403);
    expect(refused.body).toMatchObject({ statusCode: 403, error: 'Forbidden' });
    expect(app.service.get('rate_limit')).toBe(10);
  });

  it('answers 400 for a body of the wrong shape, naming the field', async () => {
    app = await startSetterApp(adapter);
    const message = async (body: unknown) =>
      ((await app!.post(body).expect(400)).body as { message: string }).message;
    expect(await message(['rate_limit'])).toMatch(/^The body must be a JSON object/);
    expect(await message({ name: 'rate_limit' })).toBe(
      'The body has no "value": it must be a string',
    );
    expect(await message({ name: 'rate_limit', value: 42 })).toBe(
      'The body\'s "value" is a number: it must be a string (the text a ConfigMap key would hold; bytes as base64)',
    );
    expect(await message({ name: 7, value: '1' })).toMatch(/^The body's "name" is a number/);
    expect(await message({ name: 'rate_limit', value: '1', ttl: 60 })).toMatch(
      /^The body's "ttl" is a number/,
    );
    expect(await message({ name: 'rate_limit', value: '1', tll: '5m' })).toBe(
      'The body has fields the setter does not take: "tll"; accepted: "name", "value", "ttl"',
    );
    const clear = await app.del({ name: 'rate_limit', value: '1' }).expect(400);
    expect(clear.body.message).toMatch(/does not take: "value"; accepted: "name"$/);
    expect(app.recorder.changed.filter((e) => e.source === 'runtime')).toEqual([]);
  });

  it('answers 404 for an unknown or not allowed flag, 409 for a static one, 422 for a refused value or ttl', async () => {
    app = await startSetterApp(adapter);
    const unknown = await app.post({ name: 'nope', value: '1' }).expect(404);
    expect(unknown.body).toEqual({
      statusCode: 404,
      error: 'Not Found',
      message:
        'Flag "nope" cannot be set at run time: no flag of that name is in the setter\'s allow list',
    });
    await app.post({ name: 'limits', value: '{}' }).expect(404);
    await app.del({ name: 'limits' }).expect(404);
    const sensitive = await app.post({ name: 'api_key', value: 'x' }).expect(404);
    expect(sensitive.body.message).toMatch(/^Flag "api_key" is sensitive and cannot be set/);
    const statik = await app.post({ name: 'port', value: '1' }).expect(409);
    expect(statik.body).toMatchObject({ statusCode: 409, error: 'Conflict' });
    expect(statik.body.message).toMatch(/^Flag "port" is static/);
    const invalid = await app.post({ name: 'rate_limit', value: '-1' }).expect(422);
    expect(invalid.body).toMatchObject({ statusCode: 422, error: 'Unprocessable Entity' });
    expect(invalid.body.message).toContain('must not be negative');
    expect(invalid.body.message).toContain('rate_limit');
    const notInt = await app.post({ name: 'rate_limit', value: 'ten' }).expect(422);
    expect(notInt.body.message).toContain('"ten"');
    const long = await app.post({ name: 'rate_limit', value: '1', ttl: '2h' }).expect(422);
    expect(long.body.message).toBe(
      'ttl "2h" is longer than the maximum 1h (the setter\'s maxTtl); ask for 1h or less',
    );
    const bad = await app.post({ name: 'rate_limit', value: '1', ttl: 'soon' }).expect(422);
    expect(bad.body.message).toMatch(/^ttl "soon" is refused: /);
    expect(app.service.get('rate_limit')).toBe(10);
    expect(app.service.status().overriddenAtRuntime).toEqual([]);
  });

  it('answers 405 with Allow to every other method', async () => {
    app = await startSetterApp(adapter);
    for (const method of ['get', 'put', 'patch'] as const) {
      const response = await request(app.server)[method]('/debug/flags/set').set(AUTH).expect(405);
      expect(response.headers.allow).toBe('POST, DELETE');
      expect(response.body).toMatchObject({ statusCode: 405, error: 'Method Not Allowed' });
    }
  });

  it('answers 415 to a body that is not application/json (text/plain, a form, none)', async () => {
    app = await startSetterApp(adapter);
    const body = JSON.stringify({ name: 'rate_limit', value: '42' });
    for (const type of ['text/plain', 'application/x-www-form-urlencoded']) {
      const response = await request(app.server)
        .post('/debug/flags/set')
        .set(AUTH)
        .set('Content-Type', type)
        .send(type === 'text/plain' ? body : 'name=rate_limit&value=42')
        .expect(415);
      expect(response.body.message).toBe(
        `Unsupported media type "${type}": the setter takes a JSON body only (Content-Type: application/json)`,
      );
    }
    await request(app.server).delete('/debug/flags/set').set(AUTH).expect(415);
    expect(app.service.get('rate_limit')).toBe(10);
  });

  it('refuses cross-site requests (403) by Sec-Fetch-Site and by Origin, even with CORS enabled by the application', async () => {
    app = await startSetterApp(adapter, { configure: (nest) => nest.enableCors() });
    const attempt = (headers: Record<string, string>) =>
      app!.post({ name: 'rate_limit', value: '42' }).set(headers).expect(403);
    const site = await attempt({ 'Sec-Fetch-Site': 'cross-site' });
    expect(site.body.message).toMatch(
      /^Refused: a cross-site request \(Sec-Fetch-Site: "cross-site"\)/,
    );
    await attempt({ 'Sec-Fetch-Site': 'same-site' });
    const origin = await attempt({ Origin: 'https://evil.example' });
    expect(origin.body.message).toMatch(
      /^Refused: a cross-site request \(Origin "https:\/\/evil.example"/,
    );
    await attempt({ Origin: 'null' });
    // A DNS-rebinding page: its Origin matches its Host, and the Host rule refuses it.
    await attempt({ Origin: 'http://evil.example', Host: 'evil.example' });
    // The preflight succeeds (CORS is the application's), the request itself does not.
    await request(app.server)
      .options('/debug/flags/set')
      .set('Origin', 'https://evil.example')
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'content-type,authorization')
      .expect(204);
    expect(app.service.get('rate_limit')).toBe(10);

    // Its own page (same origin) and tools (no Origin, no Sec-Fetch-Site) pass.
    const host = '127.0.0.1:8080';
    await app
      .post({ name: 'rate_limit', value: '42' })
      .set({ Host: host, Origin: `http://${host}`, 'Sec-Fetch-Site': 'same-origin' })
      .expect(200);
    expect(app.service.get('rate_limit')).toBe(42);
  });

  it('applies the listing Host rule (403) and the listing guards', async () => {
    app = await startSetterApp(adapter);
    const refused = await app
      .post({ name: 'rate_limit', value: '42' })
      .set('Host', 'flags.example')
      .expect(403);
    expect(refused.body.message).toMatch(/^Refused: the Host "flags.example" is not allowed/);
    expect(app.service.get('rate_limit')).toBe(10);
  });

  it('health is degraded while a runtime value lasts, up after; the metric counts it', async () => {
    const { HealthModule } = await import('./support/health.module.js');
    const { DflagMetricsModule } = await import('../../lib/metrics/index.js');
    const { metricsRoute } = await import('./support/metrics.module.js');
    const { parseExposition } = await import('./support/exposition.js');
    const { Registry } = await import('prom-client');
    const registry = new Registry();
    app = await startSetterApp(adapter, {
      imports: [HealthModule, DflagMetricsModule.register({ registry }), metricsRoute(registry)],
    });
    const gauge = async () =>
      parseExposition((await request(app!.server).get('/metrics').expect(200)).text).value(
        'dflag_flags_overridden_at_runtime',
        { flagset: 'default' },
      );
    expect((await request(app.server).get('/health').expect(200)).body.details.dflag.status).toBe(
      'up',
    );
    expect(await gauge()).toBe(0);
    await app.post({ name: 'rate_limit', value: '42', ttl: '1m' }).expect(200);
    await app.post({ name: 'mode', value: 'slow', ttl: '2m' }).expect(200);
    const degraded = await request(app.server).get('/health').expect(200);
    expect(degraded.body.details.dflag).toMatchObject({
      status: 'degraded',
      reasons: ['flag overridden at runtime: rate_limit, mode (until each expires or is removed)'],
    });
    expect(await gauge()).toBe(2);
    app.clock.advance(60_000);
    expect(await gauge()).toBe(1);
    app.clock.advance(60_000);
    expect(await gauge()).toBe(0);
    expect((await request(app.server).get('/health').expect(200)).body.details.dflag.status).toBe(
      'up',
    );
  });

  it("leaves the kit's override alone: neither layer wipes the other", async () => {
    app = await startSetterApp(adapter);
    const restore = app.service.flagSet.override({ rate_limit: 7 });
    const set = await app.post({ name: 'rate_limit', value: '42' }).expect(200);
    // Honest: the override above still serves.
    expect(set.body).toMatchObject({ value: '7', source: 'override' });
    expect(app.service.get('rate_limit')).toBe(7);
    restore();
    expect(app.service.get('rate_limit')).toBe(42);
    const again = app.service.flagSet.override({ rate_limit: 8 });
    await app.del({ name: 'rate_limit' }).expect(200);
    expect(app.service.get('rate_limit')).toBe(8);
    again();
    expect(app.service.get('rate_limit')).toBe(10);
  });

  it('a runtime value dies with its application: closing removes it and stops its timer', async () => {
    app = await startSetterApp(adapter);
    await app.post({ name: 'rate_limit', value: '42' }).expect(200);
    const { flagSet } = app.service;
    const clock = app.clock;
    expect(clock.pending).toBe(1);
    await app.close();
    app = undefined;
    expect(flagSet.get('rate_limit').valueFrom('runtime')).toBeUndefined();
    expect(clock.pending).toBe(0);
  });

  it('serves set_url with the global prefix, and the setter under it', async () => {
    app = await startSetterApp(adapter, { configure: (nest) => nest.setGlobalPrefix('api') });
    const doc = (await request(app.server).get('/api/debug/flags').expect(200))
      .body as ListingDocument;
    expect(doc.set_url).toBe('/api/debug/flags/set');
    await request(app.server)
      .post('/api/debug/flags/set')
      .set(AUTH)
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ name: 'mode', value: 'slow' }))
      .expect(200);
    expect(app.service.get('mode')).toBe('slow');
  });

  it('a request target in absolute form names no other authority in set_url or the script', async () => {
    app = await startSetterApp(adapter);
    const { server } = app;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const answer = await rawGet(port, 'http://evil.example/debug/flags', 'text/html');
    expect(answer).toMatch(/^HTTP\/1\.1 200/);
    expect(answer).not.toContain('evil.example');
    expect(answer).toContain('data-set-url="/debug/flags/set"');
    const json = await rawGet(port, 'http://evil.example/debug/flags', 'application/json');
    expect(json).toMatch(/"set_url":\s*"\/debug\/flags\/set"/);
    expect(json).not.toContain('evil.example');
  });

  it('the HTML page: a banner of runtime values, a form per settable flag, one same-origin script under its CSP', async () => {
    app = await startSetterApp(adapter);
    await app.post({ name: 'mode', value: 'slow', ttl: '10m' }).expect(200);
    const page = await request(app.server).get('/debug/flags?format=html').expect(200);
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(page.text).toContain('<body data-set-url="/debug/flags/set" data-hostname=');
    expect(page.text).toMatch(
      /<section id="runtime-overrides" class="alert alert-warning"><h2>Overridden at run time<\/h2>.*<li class="runtime-override">mode until 2026-12-01T12:10:00.000Z<\/li>/,
    );
    const forms = [...page.text.matchAll(/<form class="flag-setter" data-flag="([^"]+)">/g)].map(
      (m) => m[1],
    );
    expect(forms.sort()).toEqual(['banner', 'mode', 'rate_limit']);
    expect(page.text).toContain('<script src="/debug/flags/setter.js"></script>');
    expect(page.text).not.toMatch(/<script>|\son[a-z]+=/);

    const script = await request(app.server).get('/debug/flags/setter.js').expect(200);
    expect(script.headers['content-type']).toMatch(/^text\/javascript/);
    expect(script.headers['x-content-type-options']).toBe('nosniff');
    expect(script.text).toContain("credentials: 'same-origin'");
    expect(script.text).toContain('window.confirm(');
  });

  it('is off by default: no setter route, no script, no form, an empty set_url', async () => {
    const { startListingApp } = await import('./support/listing-app.js');
    const listing = await startListingApp({ adapter });
    try {
      await request(listing.server)
        .post('/debug/flags/set')
        .set('Content-Type', 'application/json')
        .send('{"name":"mode","value":"slow"}')
        .expect(404);
      await request(listing.server).get('/debug/flags/setter.js').expect(404);
      const page = await request(listing.server).get('/debug/flags?format=html').expect(200);
      expect(page.text).not.toContain('<form');
      expect(page.text).not.toContain('<script');
      const doc = (await request(listing.server).get('/debug/flags').expect(200)).body;
      expect(doc.set_url).toBe('');
      expect(listing.service.get('mode')).toBe('fast');
    } finally {
      await listing.close();
    }
  });
});
