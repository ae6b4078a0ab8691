import request from 'supertest';
import { AUTH, startSetterApp } from './support/setter-app.js';
import type { SetterApp } from './support/setter-app.js';
import type { ListingAdapter } from './support/listing-app.js';

/** A body that is not JSON, holding what could be a secret where the parser stops. */
const MALFORMED = '{"name":"banner","value":hunter2-SECRET}';

const send = (app: SetterApp, path: string): request.Test =>
  request(app.server).post(path).set(AUTH).set('Content-Type', 'application/json').send(MALFORMED);

describe.each<ListingAdapter>(['express', 'fastify'])(
  'a setter body that is not JSON, on %s',
  (adapter) => {
    let app: SetterApp | undefined;

    afterEach(async () => {
      await app?.close();
      app = undefined;
    });

    it('is refused (400) without quoting any of it, and nothing is set', async () => {
      app = await startSetterApp(adapter);
      const before = app.service.get('banner');
      const refused = await send(app, '/debug/flags/set').expect(400);
      expect(refused.text).not.toMatch(/hunter|SECRET/);
      // On both adapters, with the listing's headers.
      expect(refused.headers['cache-control']).toBe('no-store');
      expect(refused.headers['content-security-policy']).toBeDefined();
      if (adapter === 'express') {
        expect(refused.body).toEqual({
          statusCode: 400,
          error: 'Bad Request',
          message: expect.stringContaining('The body is not valid JSON'),
        });
        expect(refused.headers['cache-control']).toBe('no-store');
      }
      expect(app.service.get('banner')).toBe(before);
      // A well-formed request still works afterwards.
      await app.post({ name: 'banner', value: 'hello' }).expect(200);
      expect(app.service.get('banner')).toBe('hello');
    });

    it('quotes none of it on the setter path written in another case or with a trailing slash', async () => {
      app = await startSetterApp(adapter);
      for (const path of ['/DEBUG/FLAGS/SET', '/debug/flags/Set', '/Debug/Flags/set/']) {
        const refused = await send(app, path);
        expect(refused.status, path).toBeGreaterThanOrEqual(400);
        expect(refused.text, path).not.toMatch(/hunter|SECRET/);
      }
    });

    it('is refused the same way under a global prefix', async () => {
      app = await startSetterApp(adapter, { configure: (nest) => nest.setGlobalPrefix('api') });
      const refused = await send(app, '/api/debug/flags/set').expect(400);
      expect(refused.text).not.toMatch(/hunter|SECRET/);
    });
  },
);

describe("a setter body Express's parser refuses for another reason", () => {
  let app: SetterApp | undefined;

  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  const post = (contentType: string, body: string | Buffer, headers: Record<string, string> = {}) =>
    request(app!.server)
      .post('/debug/flags/set')
      .set(AUTH)
      .set('Content-Type', contentType)
      .set(headers)
      .send(body);

  it("answers with the setter's own message and locked-down headers (too large, compressed, another charset)", async () => {
    app = await startSetterApp('express');
    const large = JSON.stringify({ name: 'banner', value: `hunter2-SECRET${'x'.repeat(200_000)}` });
    const answers = {
      413: await post('application/json', large),
      415: await post('application/json; charset=x-hunter2', MALFORMED),
      400: await post('application/json', MALFORMED, { 'Content-Encoding': 'gzip' }),
    };
    for (const [status, answer] of Object.entries(answers)) {
      expect(answer.status, status).toBe(Number(status));
      expect(answer.headers['cache-control'], status).toBe('no-store');
      expect(answer.headers['content-security-policy'], status).toBeDefined();
      expect(answer.text, status).not.toMatch(/hunter|SECRET/);
    }
    expect(answers[413].body.message).toMatch(
      /^Payload too large for the application's JSON body parser/,
    );
    expect(answers[415].body.message).toMatch(
      /^Unsupported body: the setter takes an uncompressed UTF-8 JSON body/,
    );
    expect(answers[400].body.message).toMatch(/^The body is not valid JSON/);
  });
});

describe('a body that is not JSON on a route of the application (Express)', () => {
  it("is left to Nest: only the setter's path is answered by the setter", async () => {
    const app = await startSetterApp('express');
    try {
      const answer = await send(app, '/elsewhere').expect(400);
      expect(answer.text).not.toContain('The body is not valid JSON');
    } finally {
      await app.close();
    }
  });
});
