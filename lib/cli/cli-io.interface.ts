import type { ManifestStream } from '../configmap/manifest/read-manifest-stream.util.js';

/** CliIo is where the CLI reads and writes, and what it resolves relative paths against. */
export interface CliIo {
  /** CliIo.stdout receives normal output, whole lines ending in `\n`. */
  stdout(text: string): void;
  /** CliIo.stderr receives errors and usage after a usage error, whole lines ending in `\n`. */
  stderr(text: string): void;
  /**
   * CliIo.cwd is the directory relative paths are resolved against.
   * @default process.cwd()
   */
  cwd?: string;
  /**
   * CliIo.stdin is what `-f -` reads the manifest from (read once, bounded like a file).
   * @default process.stdin
   */
  stdin?: ManifestStream;
}
