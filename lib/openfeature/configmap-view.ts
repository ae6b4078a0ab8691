import type { DflagProviderSource } from './dflag-provider-source.interface.js';

const NONE: ReadonlySet<string> = new Set();

/**
 * ConfigMapView keeps what every evaluation reads from the ConfigMap's status — its version,
 * generation, and which flags the newest version refused — so that an evaluation does not build
 * the whole status. {@link ConfigMapView.refresh} is called after each processed version.
 */
export class ConfigMapView {
  /** The version whose values serve (kubelet layout), if any. */
  version: string | undefined;
  /** The number of versions processed (1 after the initial load); undefined without a ConfigMap. */
  generation: number | undefined;
  /** The flags whose newest ConfigMap value was refused: their last good value serves. */
  refused: ReadonlySet<string> = NONE;
  /** Whether the newest version seen was refused in whole or in part. */
  stale = false;

  constructor(private readonly source: DflagProviderSource | undefined) {
    this.refresh();
  }

  refresh(): void {
    if (!this.source) return;
    const status = this.source.status();
    this.version = status.version;
    this.generation = status.generation;
    this.stale = status.latestRefused;
    this.refused = status.latestRefused ? new Set(status.refusedFlags) : NONE;
  }
}
