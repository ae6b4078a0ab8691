import {
  Body,
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
  Req,
  Res,
  UseFilters,
  UseGuards,
  VERSION_NEUTRAL,
} from '@nestjs/common';
import type { Type } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { RuntimeOverrides } from '../runtime/runtime-overrides.js';
import type { CheckedListingOptions } from './check-listing-options.util.js';
import type { DflagSetterOptions } from './dflag-setter-options.interface.js';
import { describePrincipal } from './describe-principal.util.js';
import { ListingHostGuard } from './listing-host.guard.js';
import { ListingRegistration } from './listing-registration.js';
import { parseSetterBody } from './parse-setter-body.util.js';
import { replyListing } from './reply-listing.util.js';
import { clearAnswer, setAnswer } from './setter-answer.util.js';
import { SETTER_ROUTE } from './setter.constants.js';
import { SetterExceptionFilter } from './setter-exception.filter.js';
import { setterMessages } from './setter-messages.constant.js';
import { SetterRequestGuard } from './setter-request.guard.js';

const notAllowed = (): never => {
  throw new HttpException(setterMessages.methodNotAllowed, HttpStatus.METHOD_NOT_ALLOWED);
};

type Request = Record<string, unknown>;

/**
 * createSetterController makes the controller of one listing's setter, `{path}/set`:
 * version-neutral, behind the Host check, the cross-site / media type / size refusals
 * ({@link SetterRequestGuard}), the listing's guards and then the setter's; POST sets, DELETE
 * clears, every other common method is 405. Answers are JSON through the HTTP adapter, so they
 * are the same on Express and Fastify.
 */
export function createSetterController(
  options: CheckedListingOptions & { readonly setter: DflagSetterOptions },
): Type {
  @Controller({ path: `${options.path}/${SETTER_ROUTE}`, version: VERSION_NEUTRAL })
  @UseFilters(SetterExceptionFilter)
  @UseGuards(
    new ListingHostGuard(options.allowedHosts),
    new SetterRequestGuard(),
    ...options.guards,
    ...options.setter.guards,
  )
  class DflagSetterController {
    constructor(
      @Inject(ListingRegistration) private readonly registration: ListingRegistration,
      @Inject(HttpAdapterHost) private readonly adapterHost: HttpAdapterHost,
    ) {}

    @Post()
    set(@Body() body: unknown, @Req() request: Request, @Res() response: unknown): void {
      const { name, value, ttl } = parseSetterBody(body, 'set');
      const principal = describePrincipal(request);
      const override = this.overrides().set({ name, value: value!, ttl, principal });
      const flag = this.registration.flags.flagSet.get(override.name);
      this.reply(response, setAnswer(flag, override, this.registration.podName));
    }

    @Delete()
    clear(@Body() body: unknown, @Req() request: Request, @Res() response: unknown): void {
      const { name } = parseSetterBody(body, 'clear');
      const principal = describePrincipal(request);
      const cleared = this.overrides().clear(name, principal);
      const flag = this.registration.flags.flagSet.get(name);
      this.reply(response, clearAnswer(flag, cleared, principal, this.registration.podName));
    }

    @Get()
    get(): never {
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

    @Options()
    options(): never {
      return notAllowed();
    }

    private overrides(): RuntimeOverrides {
      // Created at module init whenever the setter option is given.
      return this.registration.overrides!;
    }

    private reply(response: unknown, answer: object): void {
      replyListing(
        this.adapterHost.httpAdapter,
        response,
        200,
        'application/json; charset=utf-8',
        `${JSON.stringify(answer)}\n`,
      );
    }
  }
  return DflagSetterController;
}
