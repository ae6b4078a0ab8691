import { BadRequestException } from '@nestjs/common';
import { listingMessages } from './listing-messages.constant.js';
import { LISTING_PARAMETERS } from './listing-query.interface.js';
import type { ListingQuery } from './listing-query.interface.js';

type Parameter = keyof typeof LISTING_PARAMETERS;

/**
 * valueOf returns a parameter's value: undefined when absent or empty (as Go
 * dflag reads `?type=`), one of the accepted values, or a 400 naming the
 * parameter and what it accepts.
 */
function valueOf<P extends Parameter>(
  query: Readonly<Record<string, unknown>>,
  name: P,
): (typeof LISTING_PARAMETERS)[P][number] | undefined {
  const given = query[name];
  const accepted: readonly string[] = LISTING_PARAMETERS[name];
  if (given === undefined || given === '') return undefined;
  if (typeof given !== 'string')
    throw new BadRequestException(listingMessages.repeatedParameter(name, accepted));
  if (!accepted.includes(given))
    throw new BadRequestException(listingMessages.badParameter(name, given, accepted));
  return given as (typeof LISTING_PARAMETERS)[P][number];
}

/**
 * parseListingQuery checks the listing's query parameters (`format`, `type`,
 * `only_changed`); other parameters are ignored (a cache-buster is harmless).
 */
export function parseListingQuery(
  query: Readonly<Record<string, unknown>> | undefined,
): ListingQuery {
  const given = query ?? {};
  return {
    format: valueOf(given, 'format'),
    type: valueOf(given, 'type'),
    onlyChanged: valueOf(given, 'only_changed') === 'true',
  };
}
