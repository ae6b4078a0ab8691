import { Injectable, Module } from '@nestjs/common';
import type { CanActivate, ExecutionContext } from '@nestjs/common';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import {
  DflagListingModule,
  DflagModule,
  DflagSetupError,
  FlagSet,
  defineFlags,
  flag,
} from '../../lib/index.js';
import type { DflagListingOptions, ListingDocument } from '../../lib/index.js';
import { startListingApp } from './support/listing-app.js';
import type { ListingAdapter, ListingApp } from './support/listing-app.js';
import { refused } from './support/refused.js';
import { createVolume } from './support/volume.js';

/** A guard that lets nothing through. */
class DenyAll implements CanActivate {
  canActivate(): boolean {
    return false;
  }
}

/** A guard that lets everything through (the setter needs one). */
class AllowAll implements CanActivate {
  canActivate(): boolean {
    return true;
  }
}

/** The token a request must carry, provided to the listing module. */
@Injectable()
class AdminTokens {
  readonly token = 'let-me-in';
}

/** A guard with a dependency, resolved from the listing module's providers. */
@Injectable()
class AdminGuard implements CanActivate {
  constructor(private readonly tokens: AdminTokens) {}
  canActivate(context: ExecutionContext): boolean {
    const { headers } = context.switchToHttp().getRequest<{ headers: Record<string, string> }>();
    return headers['x-admin-token'] === this.tokens.token;
  }
}

describe.each<ListingAdapter>(['express', 'fastify'])('listing access on %s', (adapter) => {
  let listing: ListingApp | undefined;

  afterEach(async () => {
    await listing?.close();
    listing = undefined;
  });

  it('a refusing guard answers 403 with the listing headers, and lists nothing', async () => {
    listing = await startListingApp({ adapter, listing: { guards: [DenyAll] } });
    const response = await request(listing.server).get('/debug/flags').expect(403);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.text).not.toContain('rate_limit');
  });

  it('a page elsewhere cannot read the listing or its script, whatever CORS the application enables', async () => {
    listing = await startListingApp({
      adapter,
      listing: { setter: { allow: ['rate_limit'], guards: [new AllowAll()] } },
      configure: (app) => app.enableCors(),
    });
    const server = listing.server;
    for (const path of ['/debug/flags', '/debug/flags?format=json', '/debug/flags/setter.js']) {
      // fetch() from another site: refused, with the reason; nothing of the listing in it.
      const fetched = await request(server)
        .get(path)
        .set('Sec-Fetch-Site', 'cross-site')
        .set('Sec-Fetch-Mode', 'cors')
        .set('Origin', 'https://evil.example')
        .expect(403);
      expect(fetched.text).toContain('cross-site read');
      expect(fetched.text).not.toContain('rate_limit');
      // An older browser that sends Origin alone, a same-site page of another origin.
      await request(server).get(path).set('Origin', 'https://evil.example').expect(403);
      await request(server)
        .get(path)
        .set('Sec-Fetch-Site', 'same-site')
        .set('Sec-Fetch-Mode', 'no-cors')
        .expect(403);
      // Its own pages, a tool such as curl: answered.
      await request(server)
        .get(path)
        .set('Sec-Fetch-Site', 'same-origin')
        .set('Sec-Fetch-Mode', 'cors')
        .expect(200);
      await request(server).get(path).expect(200);
    }
    // Someone following a link to the page from elsewhere sees it (the linking page cannot read it).
    const page = await request(server)
      .get('/debug/flags')
      .set('Accept', 'text/html')
      .set('Sec-Fetch-Site', 'cross-site')
      .set('Sec-Fetch-Mode', 'navigate')
      .expect(200);
    expect(page.text).toContain('rate_limit');
  });

  it('a guard instance works too', async () => {
    listing = await startListingApp({ adapter, listing: { guards: [new DenyAll()] } });
    await request(listing.server).get('/debug/flags').expect(403);
  });

  it('a guard class with a dependency from the providers option lets the right request through', async () => {
    listing = await startListingApp({
      adapter,
      listing: { guards: [AdminGuard], providers: [AdminTokens] },
    });
    await request(listing.server).get('/debug/flags').expect(403);
    await request(listing.server).get('/debug/flags').set('X-Admin-Token', 'wrong').expect(403);
    const { body } = await request(listing.server)
      .get('/debug/flags')
      .set('X-Admin-Token', 'let-me-in')
      .expect(200);
    expect((body as ListingDocument).flags.length).toBeGreaterThan(0);
  });

  it('the Host check runs before the guards', async () => {
    listing = await startListingApp({
      adapter,
      listing: { guards: [AdminGuard], providers: [AdminTokens] },
    });
    const response = await request(listing.server)
      .get('/debug/flags')
      .set('Host', 'flags.example')
      .set('X-Admin-Token', 'let-me-in')
      .expect(403);
    expect(response.text).toContain('allowedHosts');
  });

  it('allowedHosts adds names (any case, any port); "*" turns the check off', async () => {
    listing = await startListingApp({ adapter, listing: { allowedHosts: ['Flags.Internal'] } });
    await request(listing.server)
      .get('/debug/flags')
      .set('Host', 'flags.internal:8080')
      .expect(200);
    await request(listing.server).get('/debug/flags').set('Host', 'FLAGS.INTERNAL.').expect(200);
    await request(listing.server).get('/debug/flags').set('Host', 'other.internal').expect(403);
    await listing.close();
    listing = await startListingApp({ adapter, listing: { allowedHosts: ['*'] } });
    await request(listing.server).get('/debug/flags').set('Host', 'anything.example').expect(200);
  });
});

describe('listing setup', () => {
  it('checks its options: unknown names and wrong kinds, every problem at once', () => {
    let thrown: unknown;
    try {
      DflagListingModule.register({
        path: '/debug/:name',
        allowedHosts: ['https://flags.example'],
        guards: ['AdminGuard'],
        gaurds: [],
      } as unknown as DflagListingOptions);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DflagSetupError);
    const message = (thrown as Error).message;
    expect(message).toContain('Invalid options for DflagListingModule.register():');
    expect(message).toMatch(/path is the string "\/debug\/:name": expected a route path/);
    expect(message).toContain('allowedHosts is an array: expected an array of host names');
    expect(message).toContain('guards is an array: expected an array of guards');
    expect(message).toContain(
      '"gaurds" is not an option of DflagListingModule.register(): did you mean "guards"?',
    );
  });

  async function compile(imports: unknown[]) {
    @Module({ imports: [EventEmitterModule.forRoot(), ...(imports as [])] })
    class AppModule {}
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
    const app = moduleRef.createNestApplication({ logger: false });
    try {
      await app.init();
    } finally {
      await app.close();
    }
  }

  it('refuses two listings on one path, naming it', async () => {
    const volume = await createVolume({ port: '1' });
    try {
      const flagSet = new FlagSet('a');
      defineFlags({ port: flag.int({ default: 0, description: 'p' }) }, flagSet);
      const second = new FlagSet('b');
      defineFlags({ port: flag.int({ default: 0, description: 'p' }) }, second);
      const error = await refused(
        compile([
          DflagModule.forRoot({ path: volume.dir, flagSet }),
          DflagModule.forRoot({ path: volume.dir, flagSet: second, name: 'billing' }),
          DflagListingModule.register(),
          DflagListingModule.register({ name: 'billing', path: 'debug/flags/' }),
        ]),
      ).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DflagSetupError);
      expect((error as Error).message).toMatch(
        /^Two DflagListingModule registrations serve the same path "\/debug\/flags"/,
      );
    } finally {
      await volume.remove();
    }
  });

  it('refuses a listing of a registration that does not exist, naming it', async () => {
    const volume = await createVolume({ port: '1' });
    try {
      const flagSet = new FlagSet('a');
      defineFlags({ port: flag.int({ default: 0, description: 'p' }) }, flagSet);
      const error = await refused(
        compile([
          DflagModule.forRoot({ path: volume.dir, flagSet }),
          DflagListingModule.register({ name: 'billing' }),
        ]),
      ).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DflagSetupError);
      expect((error as Error).message).toContain(
        'DflagListingModule.register({ name: "billing" }) found no DflagModule registration of that name',
      );
    } finally {
      await volume.remove();
    }
  });

  it('serves one listing per registration, each on its path', async () => {
    const volume = await createVolume({ port: '1' });
    const billingVolume = await createVolume({ currency: 'EUR' });
    const flagSet = new FlagSet('main');
    defineFlags({ port: flag.int({ default: 0, description: 'p' }) }, flagSet);
    const billing = new FlagSet('billing-set');
    defineFlags(
      { currency: flag.string({ default: 'USD', description: 'c', dynamic: true }) },
      billing,
    );
    @Module({
      imports: [
        EventEmitterModule.forRoot(),
        DflagModule.forRoot({ path: volume.dir, flagSet }),
        DflagModule.forRoot({ path: billingVolume.dir, flagSet: billing, name: 'billing' }),
        DflagListingModule.register(),
        DflagListingModule.register({ name: 'billing', path: '/debug/flags/billing' }),
      ],
    })
    class AppModule {}
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
    const app = moduleRef.createNestApplication({ logger: false });
    try {
      await app.init();
      const main = await request(app.getHttpServer()).get('/debug/flags').expect(200);
      expect((main.body as ListingDocument).flags.map((f) => f.name)).toEqual(['port']);
      const other = await request(app.getHttpServer()).get('/debug/flags/billing').expect(200);
      expect(other.body).toMatchObject({
        registration: 'billing',
        flag_set: 'billing-set',
        flags: [{ name: 'currency', current_value: 'EUR' }],
        configmap: { path: billingVolume.dir },
      });
    } finally {
      await app.close();
      await volume.remove();
      await billingVolume.remove();
    }
  });
});
