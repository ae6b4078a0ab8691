import { resolve } from 'node:path';
import { readManifestStream } from '../configmap/manifest/read-manifest-stream.util.js';
import { readManifestText } from '../configmap/manifest/read-manifest-text.util.js';
import type { CliIo } from './cli-io.interface.js';

/** STDIN is the `-f` argument that reads the manifest from standard input. */
export const STDIN = '-';

/** inputName is how an `-f` argument is named in messages: the path, or `<stdin>` for `-`. */
export const inputName = (file: string): string => (file === STDIN ? '<stdin>' : file);

/**
 * readManifestInput reads the manifest an `-f` argument names: standard input for `-`, else the
 * file (relative to `io.cwd`), both with the input limits of a manifest.
 *
 * @throws ManifestError when the input is refused (too large, not UTF-8, a terminal, empty); the
 *   `fs` error when the file cannot be read
 */
export async function readManifestInput(file: string, io: Required<CliIo>): Promise<string> {
  if (file === STDIN) return readManifestStream(io.stdin, inputName(file));
  return readManifestText(resolve(io.cwd, file), file);
}
