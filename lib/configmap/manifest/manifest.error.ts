import { DflagError, DflagErrorCode } from '../../errors/dflag.error.js';
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
    options?: { cause?: unknown },
  ) {
    super(DflagErrorCode.Manifest, manifestMessages.refused(source, problems), options);
  }
}
