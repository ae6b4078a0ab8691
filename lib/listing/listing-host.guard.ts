import { ForbiddenException } from '@nestjs/common';
import type { CanActivate, ExecutionContext } from '@nestjs/common';
import { hostname } from 'node:os';
import { checkHost } from './host-allowed.util.js';
import { listingMessages } from './listing-messages.constant.js';

/**
 * ListingHostGuard refuses (403) a listing request whose `Host` header is
 * missing or names a host that is not allowed (see {@link checkHost}). It
 * reads the header itself, never a proxy's `X-Forwarded-Host`.
 */
export class ListingHostGuard implements CanActivate {
  private readonly hostname = hostname();

  constructor(private readonly allowedHosts: readonly string[]) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<{ headers: Record<string, unknown> }>();
    const header = request.headers.host as string | string[] | undefined;
    const verdict = checkHost(header, this.hostname, this.allowedHosts);
    if (verdict === 'allowed') return true;
    throw new ForbiddenException(
      verdict === 'missing'
        ? listingMessages.hostMissing
        : listingMessages.hostRefused(Array.isArray(header) ? header.join(', ') : String(header)),
    );
  }
}
