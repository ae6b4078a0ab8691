import { Inject, Injectable } from '@nestjs/common';
import type { CanActivate, ExecutionContext } from '@nestjs/common';
import { InternalListener } from './internal-listener.js';

/**
 * InternalPortGuard lets a request through only on the internal listener. Both listeners serve the
 * same application (one Nest app: the flag set is bound once), so without it the listing and
 * /metrics would answer on the public port too.
 */
@Injectable()
export class InternalPortGuard implements CanActivate {
  constructor(@Inject(InternalListener) private readonly internal: InternalListener) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<{ socket?: { localPort?: number } }>();
    return this.internal.port !== undefined && req.socket?.localPort === this.internal.port;
  }
}
