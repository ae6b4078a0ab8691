import { ForbiddenException } from '@nestjs/common';
import type { CanActivate, ExecutionContext } from '@nestjs/common';
import { crossSiteRefusal } from './cross-site.util.js';
import { listingMessages } from './listing-messages.constant.js';

interface ListingRequest {
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
}

/**
 * ListingReadGuard refuses (403), after the Host check and before any user guard, a read of the
 * listing or its script that a page elsewhere makes (`fetch`, XHR, a `<script>`): a cross-site
 * `Sec-Fetch-Site` or an `Origin` that is not the request's `Host` (see {@link crossSiteRefusal}),
 * unless the request is a top-level navigation (`Sec-Fetch-Mode: navigate`: someone following a
 * link to the page, which the linking page cannot read). With `app.enableCors()` a page anywhere
 * could otherwise read every value, path and error the listing shows through a browser that can
 * reach the listener (a `kubectl port-forward`); CORS cannot change this check.
 */
export class ListingReadGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const { headers } = context.switchToHttp().getRequest<ListingRequest>();
    const refusal = crossSiteRefusal(headers, listingMessages);
    if (refusal === undefined) return true;
    const mode = headers['sec-fetch-mode'];
    if (typeof mode === 'string' && mode.trim().toLowerCase() === 'navigate') return true;
    throw new ForbiddenException(refusal);
  }
}
