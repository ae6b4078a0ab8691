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
    options?: { cause?: unknown; partial?: ConfigMapManifest },
  ) {
    super(DflagErrorCode.Manifest, manifestMessages.refused(source, problems), options);
    this.partial = options?.partial;
  }

  /**
   * ManifestError.partial holds what could be read of a ConfigMap refused for its content (keys
   * whose values are readable), so that `dflag validate` can check those too and report every
   * problem in one run. Undefined when the document is not a ConfigMap at all.
   */
  readonly partial: ConfigMapManifest | undefined;
}
