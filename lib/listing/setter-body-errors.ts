import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import type { OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { CheckedListingOptions } from './check-listing-options.util.js';
import { LISTING_OPTIONS } from './listing.constants.js';
import { SETTER_ROUTE } from './setter.constants.js';
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

/** isBodyParseFailure: body-parser's refusal of a body that is not valid JSON. */
const isBodyParseFailure = (error: unknown): boolean =>
  typeof error === 'object' &&
  error !== null &&
  (error as { type?: unknown }).type === 'entity.parse.failed';

/**
 * SetterBodyErrors answers a setter request whose body is not valid JSON with the setter's own
 * 400, which quotes nothing of the body. On Express the application's JSON parser refuses such a
 * body before any route, guard or route filter, and Nest answers with the parser's message, which
 * quotes the body around the fault (`Unexpected token 'h', ..."value":hunter2SEC"... is not valid
 * JSON`): a value being set, perhaps a secret's, would be echoed. This error middleware is added
 * at module init, after the routes and before Nest's own error handler, and takes only that
 * failure on the setter's path, in any case as Express routes it (the global prefix and a version
 * segment before it allowed);
 * anything else goes on to Nest. Fastify's parser already answers without quoting the body.
 */
@Injectable()
export class SetterBodyErrors implements OnModuleInit {
  constructor(
    @Inject(LISTING_OPTIONS) private readonly options: CheckedListingOptions,
    @Inject(HttpAdapterHost) private readonly adapterHost: HttpAdapterHost,
  ) {}

  onModuleInit(): void {
    const adapter = this.adapterHost.httpAdapter;
    if (adapter?.getType?.() !== 'express') return;
    // Express routes ignore case (`/DEBUG/FLAGS/SET` reaches the setter), so the path is compared
    // without it; under `case sensitive routing` such a path is a 404's, and answering it here
    // only keeps its body out of the answer too.
    const suffix = `/${this.options.path}/${SETTER_ROUTE}`.replace(/\/{2,}/g, '/').toLowerCase();
    const handler: ErrorMiddleware = (error, request, response, next) => {
      const onSetter = () =>
        requestPath(request as Request)
          .toLowerCase()
          .endsWith(suffix);
      if (!isBodyParseFailure(error) || !onSetter()) return next(error);
      replySetterError(adapter, response, HttpStatus.BAD_REQUEST, setterMessages.bodyNotJson);
    };
    (adapter.getInstance() as ExpressLike).use(handler);
  }
}
