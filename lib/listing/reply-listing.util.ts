import type { HttpServer } from '@nestjs/common';
import { LISTING_HEADERS } from './listing-headers.constant.js';

/**
 * replyListing answers through Nest's HTTP adapter (Express or Fastify
 * alike): the listing's headers, the content type, the status and the body.
 */
export function replyListing(
  adapter: HttpServer,
  response: unknown,
  status: number,
  contentType: string,
  body: string,
  extra: Readonly<Record<string, string>> = {},
): void {
  for (const [name, value] of Object.entries({ ...LISTING_HEADERS, ...extra }))
    adapter.setHeader(response, name, value);
  adapter.setHeader(response, 'Content-Type', contentType);
  adapter.reply(response, body, status);
}
