import {
  ForbiddenException,
  PayloadTooLargeException,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import type { CanActivate, ExecutionContext } from '@nestjs/common';
import { crossSiteRefusal } from './cross-site.util.js';
import { SETTER_BODY_LIMIT } from './setter.constants.js';
import { setterMessages as m } from './setter-messages.constant.js';

interface SetterRequest {
  readonly method: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body?: unknown;
}

const CHANGING = new Set(['POST', 'DELETE']);

/** bodySize is the size of the parsed body as JSON text (a chunked body has no Content-Length). */
function bodySize(body: unknown): number {
  if (body === undefined) return 0;
  if (typeof body === 'string') return Buffer.byteLength(body);
  if (Buffer.isBuffer(body)) return body.length;
  return Buffer.byteLength(JSON.stringify(body) ?? '');
}

/**
 * SetterRequestGuard refuses, before any user guard sees the request, a set or clear that a
 * browser page elsewhere could have sent, or that is not what the setter takes: cross-site (403,
 * see {@link crossSiteRefusal}), a body that is not `application/json` (415: an HTML form cannot
 * send JSON, and some adapters parse `text/plain` themselves), or larger than
 * {@link SETTER_BODY_LIMIT} (413: by `Content-Length`, and by the parsed body's size whatever the
 * adapter's own limit). Other methods pass, to be answered 405.
 */
export class SetterRequestGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<SetterRequest>();
    if (!CHANGING.has(request.method.toUpperCase())) return true;
    const crossSite = crossSiteRefusal(request.headers);
    if (crossSite !== undefined) throw new ForbiddenException(crossSite);
    const type = request.headers['content-type'];
    const media = typeof type === 'string' ? type.split(';')[0]!.trim().toLowerCase() : undefined;
    if (media !== 'application/json')
      throw new UnsupportedMediaTypeException(
        m.contentType(Array.isArray(type) ? type.join(', ') : type),
      );
    const length = Number(request.headers['content-length'] ?? 0);
    if (length > SETTER_BODY_LIMIT || bodySize(request.body) > SETTER_BODY_LIMIT)
      throw new PayloadTooLargeException(m.tooLarge(SETTER_BODY_LIMIT));
    return true;
  }
}
