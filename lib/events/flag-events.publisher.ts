import { afterThisStack } from './after-this-stack.util.js';
import type { EventEmitter2, EventEmitterReadinessWatcher } from '@nestjs/event-emitter';
import type { FlagChecksums, ReloadReport } from '../configmap/reload-report.interface.js';
import type { DflagLogger } from '../configmap/dflag-logger.interface.js';
import type { DflagEngine } from '../dflag-engine.interface.js';
import type { FlagChangedEvent } from '../dflag.events.js';
import { DflagEvent } from '../dflag.events.js';
import { messages } from '../errors/messages.constant.js';
import type { FlagBatch } from '../flags/flag-batch.interface.js';
import type { FlagChange } from '../flags/flag-change.interface.js';
import { toFlagChangedEvent } from './to-flag-changed-event.util.js';
import { toFlagReloadedEvent } from './to-flag-reloaded-event.util.js';
import { errorMessage } from '../errors/error-message.util.js';
import { registerDelivery } from './event-delivery.registry.js';

/** One version the engine applies: its report, and the `flag.changed` payloads emitted for it. */
interface VersionSlot {
  report?: ReloadReport;
  readonly changed: FlagChangedEvent[];
}

/** What waits to be emitted, in the order it happened. */
type Pending =
  | {
      readonly kind: 'changes';
      readonly changes: readonly FlagChange[];
      readonly checksums: FlagChecksums;
      /** The engine's generation when the batch was swapped in. */
      readonly generation: number;
      /** The version being applied when the batch was swapped in, if any. */
      readonly version: VersionSlot | undefined;
      /** Whether the batch is that version's own (else a change made while it applied). */
      readonly own: boolean;
    }
  | { readonly kind: 'reloaded'; readonly version: VersionSlot };

/**
 * FlagEventsPublisher puts every change of the engine's flag set on the Nest
 * event bus, whatever made it, each once and in the order the changes were
 * swapped in. It listens to the flag set's batches (`FlagSet.onBatch`) for
 * the changes, and to the engine's reports for `flag.reloaded`: the batch
 * that applies a ConfigMap version is tagged with the engine, and its
 * `flag.changed` events carry that version's generation and are followed by
 * its `flag.reloaded`; any other batch (`apply()`, `override()`, the
 * environment, the command line) emits `flag.changed` only, with the
 * generation in force.
 *
 * It subscribes as soon as it exists (right after the initial load), but
 * emits nothing until `@nestjs/event-emitter` has bound the `@OnEvent`
 * listeners (they are bound in that module's `onApplicationBootstrap`;
 * anything emitted earlier is lost): events wait in a queue until
 * `waitUntilReady()` resolves. It does not await readiness inside a
 * lifecycle hook, because Nest runs the modules' hooks one module after
 * another and the event emitter's may come later.
 *
 * Events are published from a microtask, never on the stack that made the
 * change, and listener failures (a synchronous throw, a rejected async
 * listener) are logged: a throwing or slow listener never breaks or stalls
 * reloading.
 */
export class FlagEventsPublisher {
  private queue: Pending[] = [];
  private ready = false;
  private scheduled = false;
  private closed = false;
  /** The version whose batch was swapped in and whose report has not come yet. */
  private applying: VersionSlot | undefined;
  private readonly unsubscribe: Array<() => void>;
  /** What async listeners returned and has not settled yet (each leaves the set as it settles). */
  private readonly inFlight = new Set<Promise<unknown>>();
  private waiters: Array<() => void> = [];

  constructor(
    private readonly engine: DflagEngine,
    private readonly emitter: EventEmitter2 | undefined,
    readiness: EventEmitterReadinessWatcher | undefined,
    private readonly logger: DflagLogger,
  ) {
    this.unsubscribe = [
      engine.flagSet.onBatch((batch) => this.onBatch(batch)),
      engine.onReload((report) => this.onReport(report)),
    ];
    registerDelivery(engine, this);
    const bound = readiness ? readiness.waitUntilReady() : Promise.resolve();
    bound
      .catch((error: unknown) => this.logger.warn(messages.eventEmitterFailed(errorMessage(error))))
      .finally(() => {
        this.ready = true;
        this.schedule();
      });
  }

  /** close drops queued events and unsubscribes; nothing is emitted afterwards. */
  close(): void {
    this.closed = true;
    this.queue = [];
    this.applying = undefined;
    for (const off of this.unsubscribe) off();
    this.settleWaiters();
  }

  /**
   * delivered resolves once every event queued so far has been handed to its
   * listeners and what async listeners returned has settled (their failures
   * are logged, as always): what a test awaits after making a change. It
   * resolves at once when nothing is queued or the bus is absent or closed.
   */
  delivered(): Promise<void> {
    return new Promise((resolve) => {
      this.waiters.push(resolve);
      if (this.silent || (this.ready && !this.scheduled && this.queue.length === 0))
        this.settleWaiters();
    });
  }

  private track(settling: Promise<unknown>): void {
    this.inFlight.add(settling);
    void settling.finally(() => this.inFlight.delete(settling));
  }

  private settleWaiters(): void {
    if (this.waiters.length === 0) return;
    const waiters = this.waiters;
    this.waiters = [];
    void Promise.allSettled([...this.inFlight]).then(() => {
      for (const resolve of waiters) resolve();
    });
  }

  private get silent(): boolean {
    return this.closed || !this.emitter;
  }

  /**
   * onBatch records a batch with what its events need at the moment of the
   * swap (checksums, generation), since later batches change both.
   */
  private onBatch(batch: FlagBatch): void {
    if (this.silent) return;
    const own = batch.tag === this.engine;
    if (own) {
      const slot: VersionSlot = { changed: [] };
      this.applying = slot;
      // The engine reports synchronously after applying; a report that never
      // came must not capture the changes of later batches.
      afterThisStack(() => {
        if (this.applying === slot) this.applying = undefined;
      });
    }
    const { flagSet } = this.engine;
    this.enqueue({
      kind: 'changes',
      changes: batch.changes,
      checksums: flagSet.checksumsNow(),
      generation: this.engine.generation ?? this.engine.status().generation,
      version: this.applying,
      own,
    });
  }

  private onReport(report: ReloadReport): void {
    if (this.silent) return;
    const version = this.applying ?? { changed: [] };
    this.applying = undefined;
    version.report = report;
    this.enqueue({ kind: 'reloaded', version });
  }

  private enqueue(pending: Pending): void {
    this.queue.push(pending);
    this.schedule();
  }

  private schedule(): void {
    if (!this.ready || this.scheduled || this.queue.length === 0) return;
    this.scheduled = true;
    afterThisStack(() => {
      this.scheduled = false;
      this.flush();
    });
  }

  private flush(): void {
    const where = { flagSet: this.engine.flagSet.name, path: this.engine.path };
    while (!this.closed && this.queue.length > 0) {
      const pending = this.queue.shift() as Pending;
      if (pending.kind === 'reloaded') {
        const report = pending.version.report as ReloadReport;
        this.emit(
          DflagEvent.FlagReloaded,
          toFlagReloadedEvent(report, pending.version.changed, where),
        );
        continue;
      }
      const context = {
        flagSet: this.engine.flagSet,
        path: this.engine.path,
        // A version's generation is known once its report came (synchronously after the swap).
        generation: pending.version?.report?.generation ?? pending.generation,
        checksums: pending.checksums,
      };
      for (const change of pending.changes) {
        const event = toFlagChangedEvent(change, context);
        if (pending.own) pending.version?.changed.push(event);
        this.emit(DflagEvent.FlagChanged, event);
      }
    }
    this.settleWaiters();
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
    const any = emitter.listenersAny();
    // A copy: a `once` listener removes itself while the list is walked.
    const listeners = [...emitter.listeners(event)];
    for (const listener of any) this.call(emitter, event, listener, event, payload);
    for (const listener of listeners) this.call(emitter, event, listener, payload);
  }

  /** call calls one listener on its own: what it throws or rejects with is logged. */
  private call(
    emitter: EventEmitter2,
    event: DflagEvent,
    listener: (...args: unknown[]) => unknown,
    ...args: unknown[]
  ): void {
    try {
      // Listeners may read `this.event`, which EventEmitter2 sets before each call.
      (emitter as { event?: unknown }).event = event;
      const result = listener.apply(emitter, args);
      if (isThenable(result))
        this.track(Promise.resolve(result).then(undefined, (error) => this.fail(event, error)));
    } catch (error) {
      this.fail(event, error);
    }
  }

  private fail(event: DflagEvent, error: unknown): void {
    this.logger.error(messages.listenerFailed(event, errorMessage(error)));
  }
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}
