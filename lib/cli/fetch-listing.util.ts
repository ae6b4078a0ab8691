import { errorMessage } from '../errors/error-message.util.js';
import type { FlagSource } from '../flags/flag-source.js';
import { FLAG_SOURCES } from '../flags/flag-source.js';
import { diffMessages } from './diff-messages.constant.js';
import type { HttpAnswer } from './http-get.util.js';
import { httpGet } from './http-get.util.js';
import type { ListingFlagView, ListingTarget } from './diff-target.interface.js';
import { DiffTroubleError } from './diff-trouble.error.js';
import { podWarningsOf } from './listing-pod-warnings.util.js';

/** The most a listing answer may hold: a 1 MiB ConfigMap shows each value a few times. */
export const MAX_LISTING_BYTES = 32 * 1024 * 1024;

/** FetchListingOptions tells {@link fetchListing} how to ask. */
export interface FetchListingOptions {
  /** FetchListingOptions.headers are sent as given (`-H`), e.g. `Authorization`. */
  readonly headers: readonly (readonly [string, string])[];
  /** FetchListingOptions.timeoutMs bounds the whole exchange, the body included. */
  readonly timeoutMs: number;
  /** FetchListingOptions.timeoutText is the timeout as the user wrote it, for the message. */
  readonly timeoutText: string;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * fetchListing asks a pod's listing for its JSON (`Accept: application/json` unless a header
 * says otherwise; every `-H` sent as given, `Host` too: see {@link httpGet}) and checks that the
 * answer is a whole, unfiltered dflag listing. Redirects are not followed: the request could
 * carry the `-H` credentials elsewhere.
 *
 * @throws DiffTroubleError naming the URL when it cannot be reached, times out, answers an
 *   error status (401/403 saying what to check), a redirect, too much, or not a listing
 */
export async function fetchListing(
  url: string,
  options: FetchListingOptions,
): Promise<ListingTarget> {
  const headers = [...options.headers];
  if (!headers.some(([name]) => name.toLowerCase() === 'accept'))
    headers.push(['Accept', 'application/json']);
  const signal = AbortSignal.timeout(options.timeoutMs);
  let body: string;
  try {
    const response = await httpGet(new URL(url), headers, signal);
    const { status, statusText } = response;
    if (status >= 300 && status < 400) {
      response.discard();
      throw new DiffTroubleError(
        diffMessages.redirected(url, status, response.header('location') ?? '?'),
      );
    }
    if (status < 200 || status >= 300) {
      response.discard();
      throw new DiffTroubleError(
        status === 401
          ? diffMessages.unauthorized(url, status, statusText)
          : status === 403
            ? diffMessages.forbidden(url, status, statusText)
            : diffMessages.httpError(url, status, statusText),
      );
    }
    const contentType = response.header('content-type') ?? '';
    if (!/^application\/([\w.+-]+\+)?json\b/i.test(contentType.trim())) {
      response.discard();
      throw new DiffTroubleError(diffMessages.notJson(url, contentType));
    }
    body = await readBounded(response, url);
  } catch (error) {
    if (error instanceof DiffTroubleError) throw error;
    if (signal.aborted) throw new DiffTroubleError(diffMessages.timedOut(url, options.timeoutText));
    throw new DiffTroubleError(diffMessages.unreachable(url, fetchReason(error)), { cause: error });
  }
  let document: unknown;
  try {
    document = JSON.parse(body);
  } catch {
    throw new DiffTroubleError(diffMessages.notJson(url, 'application/json, but not JSON'));
  }
  return toListingTarget(url, document);
}

/** readBounded reads the body as UTF-8 text, refusing more than {@link MAX_LISTING_BYTES}. */
async function readBounded(response: HttpAnswer, url: string): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response.body) {
    size += chunk.byteLength;
    if (size > MAX_LISTING_BYTES) {
      response.discard();
      throw new DiffTroubleError(diffMessages.tooLarge(url, MAX_LISTING_BYTES));
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** fetchReason is why the request failed: its cause's message when it has one, else its own (`connect ECONNREFUSED …`). */
function fetchReason(error: unknown): string {
  const cause = (error as { cause?: unknown } | null)?.cause;
  return cause !== undefined ? errorMessage(cause) : errorMessage(error);
}

/** toListingTarget checks the listing's shape and keeps what the diff reads. */
export function toListingTarget(url: string, document: unknown): ListingTarget {
  const fail = (problem: string): never => {
    throw new DiffTroubleError(diffMessages.notListing(url, problem));
  };
  if (!isObject(document)) return fail('not a JSON object');
  const { flags, configmap, filters } = document;
  if (!Array.isArray(flags)) return fail('no "flags" array');
  if (isObject(filters) && (filters['type'] != null || filters['only_changed'] === true)) {
    throw new DiffTroubleError(diffMessages.filteredListing(url));
  }
  const views = new Map<string, ListingFlagView>();
  for (const [index, flag] of flags.entries()) {
    if (!isObject(flag)) return fail(`flags[${index}] is not an object`);
    const { name, type, is_dynamic, sensitive, source, layers, overridden_until } = flag;
    if (typeof name !== 'string') return fail(`flags[${index}] has no "name"`);
    if (
      typeof type !== 'string' ||
      typeof is_dynamic !== 'boolean' ||
      typeof sensitive !== 'boolean'
    ) {
      return fail(`flag "${name}" lacks "type", "is_dynamic" or "sensitive"`);
    }
    if (typeof source !== 'string' || !FLAG_SOURCES.includes(source as FlagSource)) {
      return fail(`flag "${name}" has no known "source"`);
    }
    views.set(name, {
      name,
      type,
      is_dynamic,
      sensitive,
      source: source as FlagSource,
      value: flag['value'],
      default: flag['default'],
      overridden_until: typeof overridden_until === 'string' ? overridden_until : null,
      layers: isObject(layers) ? (layers as Partial<Record<FlagSource, unknown>>) : undefined,
    });
  }
  const unknown = isObject(configmap) ? configmap['unknown_keys'] : undefined;
  const text = (value: unknown): string => (typeof value === 'string' ? value : '?');
  return {
    kind: 'listing',
    url,
    hostname: text(document['hostname']),
    registration: text(document['registration']),
    flagSet: text(document['flag_set']),
    flags: views,
    unknownKeys: new Set(
      Array.isArray(unknown) ? unknown.filter((k): k is string => typeof k === 'string') : [],
    ),
    podWarnings: podWarningsOf(configmap),
  };
}
