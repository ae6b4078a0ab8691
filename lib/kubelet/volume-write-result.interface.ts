/** VolumeWriteResult tells what one write did to the volume. */
export interface VolumeWriteResult {
  /** VolumeWriteResult.changed is true when `..data` was swapped to a new version. */
  changed: boolean;
  /** VolumeWriteResult.version is the target of `..data` after the write, if there is one. */
  version: string | undefined;
  /** VolumeWriteResult.previous is the target of `..data` before the write, if there was one. */
  previous: string | undefined;
  /** VolumeWriteResult.orphan names the version directory `failBeforeSwap` left behind. */
  orphan: string | undefined;
  /** VolumeWriteResult.created lists the per-key symlinks created, sorted. */
  created: string[];
  /** VolumeWriteResult.removed lists the per-key symlinks removed, sorted. */
  removed: string[];
}
