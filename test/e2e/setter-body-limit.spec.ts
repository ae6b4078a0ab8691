import type { NestExpressApplication } from '@nestjs/platform-express';
import { SETTER_BODY_LIMIT } from '../../lib/index.js';
import { startSetterApp } from './support/setter-app.js';
import type { SetterApp } from './support/setter-app.js';
import type { ListingAdapter } from './support/listing-app.js';

const MiB = 1024 * 1024;

/** raised: the adapter's own JSON limit raised to 2 MiB, as README "Runtime setter" shows. */
const raised = (adapter: ListingAdapter) =>
  adapter === 'fastify'
    ? { fastify: { bodyLimit: 2 * MiB } }
    : {
        configure: (app: unknown) =>
          (app as NestExpressApplication).useBodyParser('json', { limit: '2mb' }),
      };

describe.each<ListingAdapter>(['express', 'fastify'])('the setter body bound on %s', (adapter) => {
  let app: SetterApp | undefined;

  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it("with the adapter's limit raised: a 1 MiB value is set, a larger body is refused (413) by the setter's own bound", async () => {
    app = await startSetterApp(adapter, raised(adapter));
    const value = 'x'.repeat(MiB);
    await app.post({ name: 'banner', value }).expect(200);
    expect(app.service.get('banner')).toHaveLength(MiB);

    const over = await app.post({ name: 'banner', value: 'y'.repeat(MiB + 5 * 1024) }).expect(413);
    expect(over.body).toEqual({
      statusCode: 413,
      error: 'Payload Too Large',
      message: `Payload too large: the setter's body is limited to ${SETTER_BODY_LIMIT} bytes (a value of 1 MiB plus the JSON envelope)`,
    });
    expect(app.service.get('banner')).toBe(value);
  });

  it("with the adapter's defaults: Express refuses a body over 100 KiB, Fastify one over 1 MiB (413, before the setter)", async () => {
    app = await startSetterApp(adapter);
    const under = adapter === 'express' ? 90 * 1024 : MiB - 1024;
    await app.post({ name: 'banner', value: 'x'.repeat(under) }).expect(200);
    const over = adapter === 'express' ? 101 * 1024 : MiB;
    const refused = await app.post({ name: 'banner', value: 'z'.repeat(over) }).expect(413);
    expect(refused.text).not.toContain('zzzz');
    expect(app.service.get('banner')).toHaveLength(under);
  });
});
