import {
  Controller,
  Delete,
  Get,
  HttpException,
  HttpStatus,
  Inject,
  Options,
  Patch,
  Post,
  Put,
  Query,
  Req,
  Res,
  UseFilters,
  UseGuards,
  VERSION_NEUTRAL,
} from '@nestjs/common';
import type { Type } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { CheckedListingOptions } from './check-listing-options.util.js';
import { ListingExceptionFilter } from './listing-exception.filter.js';
import { ListingHostGuard } from './listing-host.guard.js';
import { ListingReadGuard } from './listing-read.guard.js';
import { listingMessages } from './listing-messages.constant.js';
import { ListingRegistration } from './listing-registration.js';
import { negotiateFormat } from './negotiate-format.util.js';
import { parseListingQuery } from './parse-listing-query.util.js';
import { renderListingHtml } from './render-listing-html.util.js';
import { replyListing } from './reply-listing.util.js';
import { SETTER_PAGE_HEADERS } from './listing-headers.constant.js';
import { setterUrl } from './setter-url.util.js';

const notAllowed = (): never => {
  throw new HttpException(listingMessages.methodNotAllowed, HttpStatus.METHOD_NOT_ALLOWED);
};

/**
 * createListingController makes the controller of one listing: its path,
 * version-neutral, behind the Host check and the user's guards, answering
 * GET (and HEAD, which both adapters derive from it) with JSON or HTML and
 * every other common method with 405. A class per registration, since a
 * route and its guards are fixed when the class is decorated.
 */
export function createListingController(options: CheckedListingOptions): Type {
  @Controller({ path: options.path, version: VERSION_NEUTRAL })
  @UseFilters(ListingExceptionFilter)
  @UseGuards(new ListingHostGuard(options.allowedHosts), new ListingReadGuard(), ...options.guards)
  class DflagListingController {
    constructor(
      @Inject(ListingRegistration) private readonly registration: ListingRegistration,
      @Inject(HttpAdapterHost) private readonly adapterHost: HttpAdapterHost,
    ) {}

    @Get()
    list(
      @Query() query: Record<string, unknown> | undefined,
      @Req()
      request: {
        headers: Record<string, string | string[] | undefined>;
        originalUrl?: unknown;
        url?: unknown;
      },
      @Res() response: unknown,
    ): void {
      const parsed = parseListingQuery(query);
      const format = parsed.format ?? negotiateFormat(request.headers.accept);
      const setter = options.setter !== undefined;
      const doc = this.registration.listing(parsed, setter ? setterUrl(request) : '');
      const adapter = this.adapterHost.httpAdapter;
      if (format === 'html')
        replyListing(
          adapter,
          response,
          200,
          'text/html; charset=utf-8',
          renderListingHtml(doc, parsed),
          setter ? SETTER_PAGE_HEADERS : {},
        );
      // Pretty-printed, as Go's endpoint writes it (json.MarshalIndent with two spaces).
      else
        replyListing(
          adapter,
          response,
          200,
          'application/json; charset=utf-8',
          `${JSON.stringify(doc, null, 2)}\n`,
        );
    }

    @Post()
    post(): never {
      return notAllowed();
    }

    @Put()
    put(): never {
      return notAllowed();
    }

    @Patch()
    patch(): never {
      return notAllowed();
    }

    @Delete()
    delete(): never {
      return notAllowed();
    }

    @Options()
    options(): never {
      return notAllowed();
    }
  }
  return DflagListingController;
}
