import type { VolumeLayout } from './configmap-status.interface.js';

/** VolumeEntry is one key's raw value and the file it was read from. */
export interface VolumeEntry {
  readonly bytes: Buffer;
  /** The path shown in errors: `<mount>/<key>`, as the user knows it. */
  readonly file: string;
  /**
   * A regular file listed but not read, its bytes empty: no flag declares its name (see
   * `ReadVolumeOptions.wanted`). Only its name is needed, to warn of it.
   */
  readonly unread?: true;
}

/**
 * VolumeSnapshot is one consistent read of the mount directory: every key of
 * one ConfigMap version (kubelet layout), or every file (plain layout).
 * `transient` means the layout was caught mid-change (`..data` missing while
 * kubelet's entries exist): nothing may be concluded from it.
 */
export interface VolumeSnapshot {
  readonly layout: Exclude<VolumeLayout, 'unknown'> | 'transient';
  /** The `..data` target that was read (kubelet layout). */
  readonly version: string | undefined;
  readonly entries: ReadonlyMap<string, VolumeEntry>;
  /** Keys refused as a whole (over 1 MiB, unreadable, a dangling symlink), keyed by name. */
  readonly refused: ReadonlyMap<string, string>;
  /**
   * The refused names that were not read for what they are — a subdirectory (kubelet's nested
   * `items` paths), a FIFO, a socket, a device, a dangling link or one leaving the volume — so
   * that nothing of them is unknown: two reads refusing them alike hold the same. (Unreadable or
   * too large, a key's content is not known.)
   */
  readonly skipped?: ReadonlySet<string>;
  /** Entries skipped (subdirectories, FIFOs, sockets, devices, links leaving the volume). */
  readonly warnings: readonly string[];
  /**
   * Why nothing of this state can apply (`..data` dangles, names a file or
   * leaves the volume; the directory cannot be listed or searched): every flag keeps its value.
   */
  readonly problem?: string;
  /** Kubelet's layout broken for longer than a change takes (read as a plain directory meanwhile). */
  readonly layoutProblem?: string;
  /**
   * The directory could not even be searched (`lstat(..data)` failed with EACCES, say): its
   * layout is not known, and the one seen before is kept (with the problem).
   */
  readonly layoutUnknown?: true;
  /** What identifies this state cheaply (see `probeVolume`). */
  readonly identity: string;
}
