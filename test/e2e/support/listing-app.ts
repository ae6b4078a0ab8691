import { Module } from '@nestjs/common';
import type { INestApplication, ModuleMetadata } from '@nestjs/common';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import type { Server } from 'node:http';
import { DflagListingModule, DflagModule, FlagService } from '../../../lib/index.js';
import type { DflagListingOptions, DflagModuleOptions } from '../../../lib/index.js';
import type { VolumePayload } from '../../../lib/testing/index.js';
import { eventually } from '../../utils/eventually.js';
import { makeListingFlags } from './listing-flags.js';
import type { ListingFlags } from './listing-flags.js';
import { createVolume } from './volume.js';
import type { TestVolume } from './volume.js';

/** The HTTP platforms the listing is tested on. */
export type ListingAdapter = 'express' | 'fastify';

/** ListingAppOptions shape one application serving a listing over a kubelet-style volume. */
export interface ListingAppOptions {
  /** @default 'express' */
  adapter?: ListingAdapter;
  /** What `DflagListingModule.register()` gets. @default {} */
  listing?: DflagListingOptions;
  /** More DflagModule options (path and flag set are the helper's). */
  dflag?: Omit<DflagModuleOptions, 'path' | 'flagSet'>;
  /** The ConfigMap at start. @default { port: '8080', rate_limit: '10', mode: 'fast' } */
  payload?: VolumePayload;
  /** Further imports of the application module (a second DflagModule, a guard's module). */
  imports?: ModuleMetadata['imports'];
  /** Options of the Fastify adapter (e.g. `bodyLimit`). @default {} */
  fastify?: ConstructorParameters<typeof FastifyAdapter>[0];
  /** Called before `init()`/`listen()`: a global prefix, versioning. */
  configure?: (app: INestApplication) => void;
  /**
   * Listen on 127.0.0.1 at a free port (for a browser); `url` is then the
   * listing's address.
   * @default false
   */
  listen?: boolean;
}

/** ListingApp is a running application with a listing, and what a test drives it with. */
export interface ListingApp {
  readonly app: INestApplication;
  /** What supertest takes. */
  readonly server: Server;
  readonly volume: TestVolume;
  readonly flags: ListingFlags;
  readonly service: FlagService;
  /** `http://127.0.0.1:<port>` when `listen` was set, else undefined. */
  readonly origin: string | undefined;
  /** waitForGeneration resolves once the ConfigMap's generation reached `n`. */
  waitForGeneration(n: number): Promise<void>;
  /** close stops the application and removes the volume. */
  close(): Promise<void>;
}

/**
 * startListingApp starts a Nest application (Express or Fastify) whose
 * DflagModule follows a kubelet-style volume written with the project's
 * writer, with `DflagListingModule.register(options.listing)`. For a browser
 * test: `startListingApp({ listen: true })`, then open
 * `${origin}/debug/flags` and `await close()`.
 */
export async function startListingApp(options: ListingAppOptions = {}): Promise<ListingApp> {
  const volume = await createVolume(
    options.payload ?? { port: '8080', rate_limit: '10', mode: 'fast' },
  );
  const { flagSet, flags } = makeListingFlags();
  @Module({
    imports: [
      EventEmitterModule.forRoot(),
      DflagModule.forRoot({ path: volume.dir, flagSet, ...options.dflag }),
      DflagListingModule.register(options.listing),
      ...(options.imports ?? []),
    ],
  })
  class ListingAppModule {}
  let app: INestApplication | undefined;
  try {
    const moduleRef = await Test.createTestingModule({ imports: [ListingAppModule] }).compile();
    app =
      options.adapter === 'fastify'
        ? moduleRef.createNestApplication<NestFastifyApplication>(
            new FastifyAdapter(options.fastify),
            {
              logger: false,
            },
          )
        : moduleRef.createNestApplication({ logger: false });
    options.configure?.(app);
    let origin: string | undefined;
    if (options.listen) {
      await app.listen(0, '127.0.0.1');
      const address = (app.getHttpServer() as Server).address();
      origin =
        typeof address === 'object' && address ? `http://127.0.0.1:${address.port}` : undefined;
    } else {
      await app.init();
      if (options.adapter === 'fastify')
        await (app as NestFastifyApplication).getHttpAdapter().getInstance().ready();
    }
    const running = app;
    const service = app.get(FlagService);
    return {
      app: running,
      server: running.getHttpServer() as Server,
      volume,
      flags,
      service,
      origin,
      waitForGeneration: async (n) => {
        await eventually(() => {
          const { generation } = service.status();
          if (generation < n) throw new Error(`generation ${generation}, waiting for ${n}`);
        });
      },
      close: async () => {
        try {
          await running.close();
        } finally {
          await volume.remove();
        }
      },
    };
  } catch (error) {
    await app?.close();
    await volume.remove();
    throw error;
  }
}
