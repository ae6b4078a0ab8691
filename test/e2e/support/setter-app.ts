import { Module } from '@nestjs/common';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { BearerTokenGuard } from '../../../lib/index.js';
import type { DflagLogger, DflagSetterOptions } from '../../../lib/index.js';
import { FakeClock } from '../../utils/fake-clock.js';
import { startListingApp } from './listing-app.js';
import type { ListingAdapter, ListingApp, ListingAppOptions } from './listing-app.js';
import { EventRecorder } from './recorder.js';

/** The token the setter apps' BearerTokenGuard expects, from the environment. */
export const SETTER_TOKEN = 'setter-e2e-token';
export const SETTER_TOKEN_VARIABLE = 'DFLAG_SETTER_E2E_TOKEN';
export const AUTH = { Authorization: `Bearer ${SETTER_TOKEN}` };

/** RecordingDflagLogger keeps every line the registration writes, `level message`. */
export class RecordingDflagLogger implements DflagLogger {
  readonly lines: string[] = [];
  log(message: string): void {
    this.lines.push(`log ${message}`);
  }
  warn(message: string): void {
    this.lines.push(`warn ${message}`);
  }
  error(message: string): void {
    this.lines.push(`error ${message}`);
  }
}

@Module({ providers: [EventRecorder], exports: [EventRecorder] })
class RecorderModule {}

/** SetterApp is a listing app with the setter on, a clock the test moves, its log and its events. */
export interface SetterApp extends ListingApp {
  readonly clock: FakeClock;
  readonly logger: RecordingDflagLogger;
  readonly recorder: EventRecorder;
  /** post sends `POST /debug/flags/set` with the token and a JSON body. */
  post(body: unknown): request.Test;
  /** del sends `DELETE /debug/flags/set` with the token and a JSON body. */
  del(body: unknown): request.Test;
}

export interface SetterAppOptions extends Omit<ListingAppOptions, 'listing'> {
  setter?: Partial<DflagSetterOptions>;
  configure?: (app: INestApplication) => void;
}

/**
 * startSetterApp starts `startListingApp()` with the setter on: `rate_limit`, `mode` and
 * `banner` allowed, a BearerTokenGuard reading {@link SETTER_TOKEN_VARIABLE}, a FakeClock, and
 * the registration's lines recorded.
 */
export async function startSetterApp(
  adapter: ListingAdapter,
  options: SetterAppOptions = {},
): Promise<SetterApp> {
  process.env[SETTER_TOKEN_VARIABLE] = SETTER_TOKEN;
  const clock = new FakeClock();
  const logger = new RecordingDflagLogger();
  const { setter, dflag, imports, ...rest } = options;
  const app = await startListingApp({
    adapter,
    ...rest,
    dflag: { logger, ...dflag },
    imports: [RecorderModule, ...(imports ?? [])],
    listing: {
      setter: {
        allow: ['rate_limit', 'mode', 'banner'],
        guards: [new BearerTokenGuard({ env: SETTER_TOKEN_VARIABLE, principal: 'ops' })],
        clock,
        ...setter,
      },
    },
  });
  const recorder = app.app.get(EventRecorder);
  const json = (test: request.Test, body: unknown): request.Test =>
    test.set(AUTH).set('Content-Type', 'application/json').send(JSON.stringify(body));
  return {
    ...app,
    clock,
    logger,
    recorder,
    post: (body) => json(request(app.server).post('/debug/flags/set'), body),
    del: (body) => json(request(app.server).delete('/debug/flags/set'), body),
  };
}
