import type { EventEmitter2, EventEmitterReadinessWatcher } from '@nestjs/event-emitter';
import type { ReloadReport } from '../configmap/reload-report.interface.js';
import type { DflagLogger } from '../configmap/dflag-logger.interface.js';
import type { DflagEngine } from '../dflag-engine.interface.js';
import { DflagEvent } from '../dflag.events.js';
import { messages } from '../errors/messages.constant.js';
import { toFlagEvents } from './to-flag-events.util.js';
import { errorMessage } from '../errors/error-message.util.js';

/**
 * FlagEventsPublisher bridges the engine's reports to the Nest event bus.
 *
 * It subscribes as soon as it exists, but emits nothing until
 * `@nestjs/event-emitter` has bound the `@OnEvent` listeners (they are bound
 * in that module's `onApplicationBootstrap`; anything emitted earlier is
 * lost): reports wait in a queue until `waitUntilReady()` resolves. It does
 * not await readiness inside a lifecycle hook, because Nest runs the modules'
 * hooks one module after another and the event emitter's may come later.
 *
 * Reports are published from a microtask, never on the engine's stack, and
 * listener failures (a synchronous throw, a rejected async listener) are
 * logged: a throwing or slow listener never breaks or stalls reloading.
 */
export class FlagEventsPublisher {
  private queue: ReloadReport[] = [];
  private ready = false;
  private scheduled = false;
  private closed = false;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly engine: DflagEngine,
    private readonly emitter: EventEmitter2 | undefined,
    readiness: EventEmitterReadinessWatcher | undefined,
    private readonly logger: DflagLogger,
  ) {
    this.unsubscribe = engine.onReload((report) => this.enqueue(report));
    const bound = readiness ? readiness.waitUntilReady() : Promise.resolve();
    bound
      .catch((error: unknown) => this.logger.warn(messages.eventEmitterFailed(errorMessage(error))))
      .finally(() => {
        this.ready = true;
        this.schedule();
      });
  }

  /** close drops queued reports and unsubscribes from the engine; nothing is emitted afterwards. */
  close(): void {
    this.closed = true;
    this.queue = [];
    this.unsubscribe();
  }

  private enqueue(report: ReloadReport): void {
    if (this.closed || !this.emitter) return;
    this.queue.push(report);
    this.schedule();
  }

  private schedule(): void {
    if (!this.ready || this.scheduled || this.queue.length === 0) return;
    this.scheduled = true;
    queueMicrotask(() => {
      this.scheduled = false;
      this.flush();
    });
  }

  private flush(): void {
    while (!this.closed && this.queue.length > 0) {
      const report = this.queue.shift() as ReloadReport;
      const { changed, reloaded } = toFlagEvents(report, this.engine);
      for (const event of changed) this.emit(DflagEvent.FlagChanged, event);
      this.emit(DflagEvent.FlagReloaded, reloaded);
    }
  }

  /**
   * emit calls every listener of the event (those of `onAny` first, as
   * EventEmitter2 does) each on its own: a listener that throws, or whose
   * promise rejects, is logged, and neither stops the others nor becomes an
   * unhandled rejection. (`emitAsync` would stop at a synchronous throw and
   * leave the promises it had gathered unhandled.)
   */
  private emit(event: DflagEvent, payload: unknown): void {
    const emitter = this.emitter as EventEmitter2;
    const fail = (error: unknown): void =>
      this.logger.error(messages.listenerFailed(event, errorMessage(error)));
    const calls: Array<() => unknown> = [
      ...emitter.listenersAny().map((listener) => () => listener.call(emitter, event, payload)),
      // A copy: a `once` listener removes itself while the list is walked.
      ...[...emitter.listeners(event)].map((listener) => () => listener.call(emitter, payload)),
    ];
    for (const call of calls) {
      try {
        // Listeners may read `this.event`, which EventEmitter2 sets before each call.
        (emitter as { event?: unknown }).event = event;
        const result = call();
        if (isThenable(result)) result.then(undefined, fail);
      } catch (error) {
        fail(error);
      }
    }
  }
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}
