/** VolumeWriteOptions chooses the optional parts of a kubelet write. */
export interface VolumeWriteOptions {
  /**
   * VolumeWriteOptions.fsGroup walks the whole volume before the swap and touches every entry
   * (`lchown` to its own owner), as kubelet does for a pod with `securityContext.fsGroup`: an
   * inotify ATTRIB event on the volume, both version directories, `..data` and every per-key
   * symlink, all while every name still resolves to the old data.
   * @default false
   */
  fsGroup?: boolean;
  /**
   * VolumeWriteOptions.fsGroupDelayMs waits this long at the end of the fsGroup walk, before the
   * swap, to widen the window in which a watcher reacting to the ATTRIB events reads old data.
   * Ignored without `fsGroup`.
   * @default 0
   */
  fsGroupDelayMs?: number;
  /**
   * VolumeWriteOptions.forceSwap writes a new version and swaps `..data` even when no value
   * changed, as a projected volume does when another of its sources changed.
   * @default false
   */
  forceSwap?: boolean;
  /**
   * VolumeWriteOptions.failBeforeSwap stops a write that would swap right before
   * `..data_tmp` is created, leaving the new version directory behind unlinked (an orphan), as a
   * kubelet write failing in its write or fsGroup step does. The write resolves with
   * `changed: false` and the orphan's name; `..data` and the per-key symlinks are untouched.
   * (A write that really fails there removes its new version directory instead: the writer
   * leaves no orphan of its own.)
   * @default false
   */
  failBeforeSwap?: boolean;
  /**
   * VolumeWriteOptions.onSwap is called right before `rename(..data_tmp, ..data)`, the atomic
   * switch: benchmarks take their start time there.
   */
  onSwap?: () => void;
}
