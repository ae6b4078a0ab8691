import { DflagError, DflagErrorCode } from '../../errors/dflag.error.js';
import type { ConfigMapManifest } from './configmap-manifest.interface.js';
import { manifestMessages } from './manifest-messages.constant.js';

/**
 * ManifestError reports every reason why a ConfigMap manifest was refused, one per line; nothing
 * was applied.
 */
export class ManifestError extends DflagError {
  override readonly name = 'ManifestError';
  constructor(
    /** ManifestError.source names the manifest: its file, or what the caller called it. */
    readonly source: string,
    /** ManifestError.problems lists every problem found. */
    readonly problems: readonly string[],
    options?: { cause?: unknown; partial?: ConfigMapManifest; keyCount?: number; kind?: string },
  ) {
    super(
      DflagErrorCode.Manifest,
      manifestMessages.refused(source, problems, options?.kind),
      options,
    );
    this.partial = options?.partial;
    this.keyCount = options?.keyCount;
  }

  /**
   * ManifestError.keyCount is the number of distinct keys the refused object names, readable or
   * not (with {@link ManifestError.partial}), so that a report can say how many were checked.
   */
  readonly keyCount: number | undefined;

  /**
   * ManifestError.partial holds what could be read of a ConfigMap refused for its content (keys
   * whose values are readable), so that `dflag validate` can check those too and report every
   * problem in one run. Undefined when the document is not a ConfigMap at all.
   */
  readonly partial: ConfigMapManifest | undefined;
}
