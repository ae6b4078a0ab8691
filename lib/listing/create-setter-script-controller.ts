import {
  Controller,
  Get,
  Inject,
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
import { replyListing } from './reply-listing.util.js';
import { SETTER_SCRIPT } from './setter-script.constant.js';
import { SETTER_SCRIPT_ROUTE } from './setter.constants.js';

/**
 * createSetterScriptController serves the listing page's one script, `{path}/setter.js`, behind
 * the same Host check and guards as the page (not the setter's: a browser fetches it like the
 * page). Only registered when the setter is on.
 */
export function createSetterScriptController(options: CheckedListingOptions): Type {
  @Controller({ path: options.path, version: VERSION_NEUTRAL })
  @UseFilters(ListingExceptionFilter)
  @UseGuards(new ListingHostGuard(options.allowedHosts), new ListingReadGuard(), ...options.guards)
  class DflagSetterScriptController {
    constructor(@Inject(HttpAdapterHost) private readonly adapterHost: HttpAdapterHost) {}

    @Get(SETTER_SCRIPT_ROUTE)
    script(@Res() response: unknown): void {
      replyListing(
        this.adapterHost.httpAdapter,
        response,
        200,
        'text/javascript; charset=utf-8',
        SETTER_SCRIPT,
      );
    }
  }
  return DflagSetterScriptController;
}
