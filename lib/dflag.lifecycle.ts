import type { OnApplicationBootstrap, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type { DflagEngine } from './dflag-engine.interface.js';
import type { EngineBinding } from './engine-binding.interface.js';
import type { FlagEventsPublisher } from './events/flag-events.publisher.js';

/**
 * DflagLifecycle runs a registration's engine with the application, as the
 * design card has it: loaded by `OnModuleInit` (in fact already by the
 * engine's provider, so that providers and factories that depend on the
 * flags are built with the ConfigMap's values; `initialize()` is idempotent),
 * watching from `OnApplicationBootstrap`, stopped on shutdown.
 */
export class DflagLifecycle implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  constructor(
    private readonly engine: DflagEngine,
    private readonly publisher: FlagEventsPublisher,
    private readonly binding: EngineBinding,
    /** The application (its modules container), which the binding tells from another one. */
    private readonly application: object,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.engine.initialize();
  }

  /**
   * Claims the engine (refused when another application watches the same
   * set), then starts watching at once, so that values follow the ConfigMap
   * from the start; the publisher holds the events until the event emitter
   * has bound its listeners. Claimed here rather than at creation: an
   * application whose creation failed runs no hook at all, so it must not
   * hold the set.
   */
  async onApplicationBootstrap(): Promise<void> {
    this.binding.claim(this.engine, this.application);
    await this.engine.start();
  }

  /**
   * Stops in the first shutdown hook, so that no reload or event happens
   * while the rest of the application is torn down; `app.close()` then
   * leaves no watcher or timer behind. An engine another application still
   * goes on with is left to it.
   */
  async onModuleDestroy(): Promise<void> {
    this.publisher.close();
    await this.binding.release(this.engine, this.application);
  }
}
