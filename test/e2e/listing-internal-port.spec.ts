import type { CanActivate, ExecutionContext } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import request from 'supertest';
import { startListingApp } from './support/listing-app.js';
import type { ListingAdapter, ListingApp } from './support/listing-app.js';

/** InternalPortGuard (the README's): the listing answers only on the internal listener's port. */
class InternalPortGuard implements CanActivate {
  constructor(private readonly port: number) {}
  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<{ socket?: Socket; raw?: { socket?: Socket } }>();
    return (req.raw?.socket ?? req.socket)?.localPort === this.port;
  }
}

describe.each<ListingAdapter>(['express', 'fastify'])(
  'the listing on an internal port with %s',
  (adapter) => {
    let listing: ListingApp | undefined;
    let internal: Server | undefined;

    afterEach(async () => {
      await new Promise((done) => (internal ? internal.close(done) : done(undefined)));
      await listing?.close();
      listing = internal = undefined;
    });

    it('a second listener on the same application serves it; the public one refuses it', async () => {
      internal = createServer();
      await new Promise<void>((done) => internal!.listen(0, '127.0.0.1', done));
      const port = (internal.address() as AddressInfo).port;
      listing = await startListingApp({
        adapter,
        listing: { guards: [new InternalPortGuard(port)] },
      });
      const handler =
        adapter === 'fastify'
          ? (req: IncomingMessage, res: ServerResponse) =>
              (listing!.app as NestFastifyApplication)
                .getHttpAdapter()
                .getInstance()
                .routing(req, res)
          : (listing.app.getHttpAdapter().getInstance() as (
              req: IncomingMessage,
              res: ServerResponse,
            ) => void);
      internal.on('request', handler);
      await request(listing.server).get('/debug/flags').expect(403);
      const { body } = await request(internal).get('/debug/flags').expect(200);
      expect(body).toMatchObject({ registration: 'default' });
    });
  },
);
