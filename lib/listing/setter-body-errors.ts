import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import type { OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { CheckedListingOptions } from './check-listing-options.util.js';
import { LISTING_HEADERS } from './listing-headers.constant.js';
import { LISTING_OPTIONS } from './listing.constants.js';
import { SETTER_BODY_LIMIT, SETTER_ROUTE } from './setter.constants.js';
import { replySetterError } from './setter-exception.filter.js';
import { setterMessages } from './setter-messages.constant.js';
import { requestPath } from './setter-url.util.js';

type Request = Parameters<typeof requestPath>[0];

type ErrorMiddleware = (
  error: unknown,
  request: unknown,
  response: unknown,
  next: (error?: unknown) => void,
) => void;

interface ExpressLike {
  use(handler: ErrorMiddleware): unknown;
}

interface FastifyReplyLike {
  readonly statusCode: number;
  hasHeader(name: string): boolean;
  header(name: string, value: string): unknown;
}

interface FastifyLike {
  addHook(
    name: 'onSend',
    hook: (
      request: unknown,
      reply: FastifyReplyLike,
      payload: unknown,
      done: (error: null, payload: unknown) => void,
    ) => void,
  ): unknown;
}

/**
 * bodyRefusal is the setter's own answer to a refusal by the application's body parser
 * (body-parser's errors: a 4xx `status`, `expose: true`), or undefined for any other error. Its
 * messages may quote the body (`Unexpected token … "value":hunter2…`) or say what the parser
 * met; the setter's quote nothing.
 */
function bodyRefusal(error: unknown): { status: number; message: string } | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { status, expose } = error as { status?: unknown; expose?: unknown };
  if (typeof status !== 'number' || status < 400 || status > 499 || expose !== true)
    return undefined;
  if (status === HttpStatus.PAYLOAD_TOO_LARGE)
    return { status, message: setterMessages.parserTooLarge(SETTER_BODY_LIMIT) };
  if (status === HttpStatus.UNSUPPORTED_MEDIA_TYPE)
    return { status, message: setterMessages.bodyUnreadable };
  return { status: HttpStatus.BAD_REQUEST, message: setterMessages.bodyNotJson };
}

/**
 * SetterBodyErrors answers a setter request whose body the application's parser refused (not
 * valid JSON, too large, compressed, another charset) with the setter's own answer and headers
 * (no-store, its CSP), which quote nothing of the body. On Express the application's JSON parser refuses such a
 * body before any route, guard or route filter, and Nest answers with the parser's message, which
 * quotes the body around the fault (`Unexpected token 'h', ..."value":hunter2SEC"... is not valid
 * JSON`): a value being set, perhaps a secret's, would be echoed. This error middleware is added
 * at module init, after the routes and before Nest's own error handler, and takes only that
 * failure on the setter's path, in any case as Express routes it (the global prefix and a version
 * segment before it allowed); anything else goes on to Nest. On Fastify, whose parser quotes
 * nothing, its refusals there get the listing's headers.
 */
@Injectable()
export class SetterBodyErrors implements OnModuleInit {
  constructor(
    @Inject(LISTING_OPTIONS) private readonly options: CheckedListingOptions,
    @Inject(HttpAdapterHost) private readonly adapterHost: HttpAdapterHost,
  ) {}

  onModuleInit(): void {
    const adapter = this.adapterHost.httpAdapter;
    const type = adapter?.getType?.();
    // Express routes ignore case (`/DEBUG/FLAGS/SET` reaches the setter), so the path is compared
    // without it; under `case sensitive routing` such a path is a 404's, and answering it here
    // only keeps its body out of the answer too.
    const suffix = `/${this.options.path}/${SETTER_ROUTE}`.replace(/\/{2,}/g, '/').toLowerCase();
    const onSetter = (request: unknown): boolean =>
      requestPath(request as Request)
        .toLowerCase()
        .endsWith(suffix);
    if (type === 'fastify') {
      // Fastify's parser quotes nothing, but answers before the route: its refusal gets the
      // listing's headers (no-store, CSP) here.
      (adapter.getInstance() as FastifyLike).addHook('onSend', (request, reply, payload, done) => {
        if (reply.statusCode >= 400 && onSetter(request)) {
          for (const [name, value] of Object.entries(LISTING_HEADERS))
            if (!reply.hasHeader(name)) reply.header(name, value);
        }
        done(null, payload);
      });
      return;
    }
    if (type !== 'express') return;
    const handler: ErrorMiddleware = (error, request, response, next) => {
      const refusal = bodyRefusal(error);
      if (refusal === undefined || !onSetter(request)) return next(error);
      replySetterError(adapter, response, refusal.status, refusal.message);
    };
    (adapter.getInstance() as ExpressLike).use(handler);
  }
}
