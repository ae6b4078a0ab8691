import { Inject, Injectable } from '@nestjs/common';
import type { BeforeApplicationShutdown } from '@nestjs/common';
import { InternalListener } from './internal-listener.js';

/**
 * InternalListenerCloser closes the internal listener when the application shuts down (on SIGTERM
 * through `enableShutdownHooks()`, or `app.close()`), before Nest closes the public one.
 */
@Injectable()
export class InternalListenerCloser implements BeforeApplicationShutdown {
  constructor(@Inject(InternalListener) private readonly internal: InternalListener) {}

  async beforeApplicationShutdown(): Promise<void> {
    const server = this.internal.server;
    if (!server?.listening) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
