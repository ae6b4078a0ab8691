import type { OpenFeatureEventEmitter } from '@openfeature/server-sdk';
import type { EventMetadata } from '@openfeature/server-sdk';
import type { FlagBatch } from '../flags/flag-batch.interface.js';
import type { FlagSet } from '../flags/flag-set.js';
import type { ConfigMapView } from './configmap-view.js';
import type { DflagProviderSource } from './dflag-provider-source.interface.js';
import { openFeatureMessages } from './openfeature-messages.constant.js';
import { openFeatureSdk } from './openfeature-sdk.js';

const { ProviderEvents } = openFeatureSdk;

type Pending =
  | { readonly kind: 'changed'; readonly flags: readonly string[] }
  | { readonly kind: 'stale' }
  | { readonly kind: 'ready' };

/**
 * ProviderEventRelay turns the flag set's batches and the ConfigMap's reports into the
 * provider's OpenFeature events: `PROVIDER_CONFIGURATION_CHANGED` with `flagsChanged` after
 * every batch that changed a value OpenFeature can read, whatever applied it (a ConfigMap
 * version, `override()`, `apply()`); `PROVIDER_STALE` for each version refused in whole or in
 * part (its refused flags keep their last good value); `PROVIDER_READY` when a version applies
 * cleanly after a refused one. Events carry flag names, the version and the generation, never
 * a value.
 *
 * Events go out from a microtask, in the order things happened, never on the stack that made
 * the change: a ConfigMap version's batch is swapped in before its report is recorded, and by
 * then both are, so the change event carries that version's generation.
 */
export class ProviderEventRelay {
  private queue: Pending[] = [];
  private scheduled: Promise<void> | undefined;
  private unsubscribe: Array<() => void> = [];
  /** Whether a STALE was queued without a READY since. */
  private stale = false;

  constructor(
    private readonly flagSet: FlagSet,
    private readonly source: DflagProviderSource | undefined,
    private readonly view: ConfigMapView,
    private readonly emitter: OpenFeatureEventEmitter,
    private readonly visible: (flag: string) => boolean,
  ) {}

  /** open subscribes (again, after {@link close}); idempotent. */
  open(): void {
    if (this.unsubscribe.length > 0) return;
    this.unsubscribe = [this.flagSet.onBatch((batch) => this.onBatch(batch))];
    if (this.source) this.unsubscribe.push(this.source.onReload(() => this.onReport()));
  }

  /** close unsubscribes and drops what has not gone out. */
  close(): void {
    for (const off of this.unsubscribe) off();
    this.unsubscribe = [];
    this.queue = [];
  }

  /**
   * announceInitialState queues `PROVIDER_STALE` when the flags were loaded with refused values
   * (`startOnInvalid`), to follow the SDK's own `PROVIDER_READY` after `initialize()`. Returns
   * once it has gone out.
   */
  announceInitialState(): Promise<void> {
    if (!this.view.stale) return Promise.resolve();
    // The SDK marks the provider ready in a `then` of initialize()'s promise: a macrotask later
    // that has happened, and STALE is not overwritten by it.
    return new Promise((resolve) =>
      setImmediate(() => {
        // A clean version may have applied in between: then READY stands.
        if (this.view.stale && !this.stale) {
          this.stale = true;
          this.push({ kind: 'stale' });
        }
        void this.flushed().then(resolve);
      }),
    );
  }

  /** flushed resolves once every queued event has gone out. */
  flushed(): Promise<void> {
    return this.scheduled ?? Promise.resolve();
  }

  private onBatch(batch: FlagBatch): void {
    const flags = batch.changes.map((change) => change.name).filter(this.visible);
    if (flags.length > 0) this.push({ kind: 'changed', flags });
  }

  private onReport(): void {
    this.view.refresh();
    if (this.view.stale) {
      this.stale = true;
      this.push({ kind: 'stale' });
    } else if (this.stale) {
      this.stale = false;
      this.push({ kind: 'ready' });
    }
  }

  private push(event: Pending): void {
    this.queue.push(event);
    this.scheduled ??= Promise.resolve().then(() => this.flush());
  }

  private flush(): void {
    this.scheduled = undefined;
    const events = this.queue;
    this.queue = [];
    for (const event of events) this.emit(event);
  }

  private emit(event: Pending): void {
    const metadata = this.metadata();
    switch (event.kind) {
      case 'changed':
        this.emitter.emit(ProviderEvents.ConfigurationChanged, {
          flagsChanged: [...event.flags],
          metadata,
        });
        return;
      case 'stale': {
        const refused = [...this.view.refused];
        const message = openFeatureMessages.staleVersion(
          this.view.version,
          refused.length,
          refused.filter(this.visible),
        );
        this.emitter.emit(ProviderEvents.Stale, { message, metadata });
        return;
      }
      case 'ready':
        this.emitter.emit(ProviderEvents.Ready, {
          message: openFeatureMessages.readyAgain(this.view.version),
          metadata,
        });
        return;
    }
  }

  private metadata(): EventMetadata {
    const metadata: EventMetadata = {};
    if (this.view.version !== undefined) metadata.version = this.view.version;
    if (this.view.generation !== undefined) metadata.generation = this.view.generation;
    return metadata;
  }
}
