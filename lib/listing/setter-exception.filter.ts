import { Catch, HttpException, HttpStatus, Inject, Logger } from '@nestjs/common';
import type { ArgumentsHost, ExceptionFilter, HttpServer } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { STATUS_CODES } from 'node:http';
import { errorMessage } from '../errors/error-message.util.js';
import { RuntimeValueError } from '../runtime/runtime-value.error.js';
import { messageOf } from './listing-exception.filter.js';
import { replyListing } from './reply-listing.util.js';
import { SETTER_ALLOW, SETTER_LOGGER_CONTEXT } from './setter.constants.js';
import { setterMessages } from './setter-messages.constant.js';

/** SetterError is the setter's error body: the status, its reason phrase, and why. */
export interface SetterError {
  /** The HTTP status. */
  readonly statusCode: number;
  /** The status's reason phrase (`Unprocessable Entity`). */
  readonly error: string;
  /** What was refused and what would be accepted (never a sensitive value). */
  readonly message: string;
}

/**
 * replySetterError answers a refusal of the setter's route: a {@link SetterError} as JSON, with the
 * listing's locked-down headers (and `extra` ones).
 */
export function replySetterError(
  adapter: HttpServer,
  response: unknown,
  status: number,
  message: string,
  extra: Readonly<Record<string, string>> = {},
): void {
  const body: SetterError = { statusCode: status, error: STATUS_CODES[status] ?? 'Error', message };
  replyListing(
    adapter,
    response,
    status,
    'application/json; charset=utf-8',
    `${JSON.stringify(body)}\n`,
    extra,
  );
}

/**
 * SetterExceptionFilter answers every refusal of the setter's route as JSON
 * (`{ statusCode, error, message }`) with the listing's locked-down headers: the Host check, the
 * cross-site refusal, a guard, a bad body, a method other than POST or DELETE (405 with
 * `Allow`), and the runtime setter's own refusals (404, 409, 422, with their messages). Anything
 * else is logged and answered 500 without its message.
 */
@Catch()
export class SetterExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(SETTER_LOGGER_CONTEXT);

  constructor(@Inject(HttpAdapterHost) private readonly adapterHost: HttpAdapterHost) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<unknown>();
    let status: number;
    let message: string;
    if (exception instanceof RuntimeValueError) {
      status = exception.status;
      message = exception.message;
    } else if (exception instanceof HttpException) {
      status = exception.getStatus();
      message = messageOf(exception);
    } else {
      this.logger.error(setterMessages.unexpectedError(errorMessage(exception)));
      status = HttpStatus.INTERNAL_SERVER_ERROR;
      message = setterMessages.internalError;
    }
    replySetterError(
      this.adapterHost.httpAdapter,
      response,
      status,
      message,
      status === HttpStatus.METHOD_NOT_ALLOWED ? { Allow: SETTER_ALLOW } : {},
    );
  }
}
