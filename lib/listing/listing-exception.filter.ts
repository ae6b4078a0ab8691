import { Catch, HttpException, HttpStatus, Inject, Logger } from '@nestjs/common';
import type { ArgumentsHost, ExceptionFilter } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { errorMessage } from '../errors/error-message.util.js';
import { LISTING_ALLOW, LISTING_LOGGER_CONTEXT } from './listing.constants.js';
import { listingMessages } from './listing-messages.constant.js';
import { replyListing } from './reply-listing.util.js';

/** messageOf takes the text of an HttpException's body (`{ message }` or a string). */
export function messageOf(exception: HttpException): string {
  const body = exception.getResponse();
  if (typeof body === 'string') return body;
  const message = (body as { message?: unknown }).message;
  if (Array.isArray(message)) return message.map(String).join('\n');
  return typeof message === 'string' ? message : exception.message;
}

/**
 * ListingExceptionFilter answers every refusal of a listing route — the
 * Host check, a guard, a bad parameter, a method other than GET — as short
 * `text/plain` with the listing's headers, so that an error page is as
 * locked down as the listing. Anything else thrown is logged and answered
 * 500 without its message.
 */
@Catch()
export class ListingExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(LISTING_LOGGER_CONTEXT);

  constructor(@Inject(HttpAdapterHost) private readonly adapterHost: HttpAdapterHost) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<unknown>();
    const adapter = this.adapterHost.httpAdapter;
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const extra: Record<string, string> =
        status === HttpStatus.METHOD_NOT_ALLOWED ? { Allow: LISTING_ALLOW } : {};
      replyListing(
        adapter,
        response,
        status,
        'text/plain; charset=utf-8',
        `${messageOf(exception)}\n`,
        extra,
      );
      return;
    }
    this.logger.error(listingMessages.unexpectedError(errorMessage(exception)));
    replyListing(
      adapter,
      response,
      HttpStatus.INTERNAL_SERVER_ERROR,
      'text/plain; charset=utf-8',
      `${listingMessages.internalError}\n`,
    );
  }
}
