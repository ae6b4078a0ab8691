import type { StartOnInvalid } from './configmap-options.interface.js';
import type { ReloadResult } from './reload-report.interface.js';

/**
 * StartupReadiness tracks the flags that serve a fallback because their
 * ConfigMap value was refused at start-up, and whether the application is
 * ready. Under `startOnInvalid: 'unready'` it is not ready until no such flag
 * remains — each is cleared by a version that gives it a valid value or no
 * longer holds its key — and once ready it stays ready: ConfigMap content
 * refused later keeps the last good values serving, which is no reason to
 * take a serving pod out of its Service. Under the other policies the
 * application is ready once started.
 */
export class StartupReadiness {
  private pending = new Set<string>();
  private latched = false;

  constructor(private readonly mode: StartOnInvalid) {}

  /** started notes the flags refused by the initial load. */
  started(refused: readonly string[]): void {
    this.pending = new Set(refused);
    this.latched = this.mode !== 'unready' || this.pending.size === 0;
  }

  /**
   * processed notes a later version: the flags it did not refuse no longer
   * serve a refusal's fallback — unless it was rejected as a whole, which
   * applied nothing.
   */
  processed(result: ReloadResult, refused: readonly string[]): void {
    if (this.pending.size === 0 || result === 'rejected') return;
    const still = new Set(refused);
    for (const name of this.pending) if (!still.has(name)) this.pending.delete(name);
    if (this.pending.size === 0) this.latched = true;
  }

  /** ready: see the class comment. */
  get ready(): boolean {
    return this.latched;
  }

  /** fallbacks lists the flags still serving a fallback caused by a refusal at start-up. */
  get fallbacks(): readonly string[] {
    return [...this.pending].sort();
  }
}
