/** VolumeFile is one file of a volume payload: its bytes and its mode. */
export interface VolumeFile {
  /** VolumeFile.data is the content; text is written as UTF-8. */
  data: string | Uint8Array;
  /**
   * VolumeFile.mode is the file's permission bits, set with `chmod` whatever the umask
   * (a ConfigMap volume's `defaultMode` or an item's `mode`).
   * @default 0o644
   */
  mode?: number;
}

/**
 * VolumePayload maps each path of a volume to its content: a key (`config.json`) or, as with a
 * ConfigMap volume's `items`, a nested path (`conf/app.json`) whose first component becomes the
 * user-visible entry.
 */
export type VolumePayload = Readonly<Record<string, string | Uint8Array | VolumeFile>>;
