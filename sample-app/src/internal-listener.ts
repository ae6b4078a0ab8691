import type { Server } from 'node:http';

/**
 * InternalListener holds the internal listener once it listens (`--internal-port=0` picks a free
 * port), so that {@link InternalPortGuard} can tell the two listeners apart and the app can close it.
 */
export class InternalListener {
  /** The server main.ts started on the internal port; undefined until it listens. */
  server: Server | undefined;

  /** The port the internal listener is bound to; undefined until it listens. */
  get port(): number | undefined {
    const address = this.server?.address();
    return typeof address === 'object' && address ? address.port : undefined;
  }
}
