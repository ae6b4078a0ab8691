import { open } from 'node:fs/promises';
import { decodeManifestText } from './decode-manifest-text.util.js';
import { MAX_MANIFEST_BYTES } from './manifest-limits.constants.js';
import { ManifestError } from './manifest.error.js';
import { manifestMessages } from './manifest-messages.constant.js';

const CHUNK_BYTES = 1024 * 1024;

/**
 * readManifestText reads a manifest input as UTF-8 text, at most {@link MAX_MANIFEST_BYTES}: a
 * larger regular file is refused by its size without being read, and an input of unknown size (a
 * pipe such as `<(kustomize build)`, a device) is read up to the limit plus one byte, then
 * refused. Text that is not valid UTF-8 is refused. Nothing is parsed.
 *
 * @param path the file to read
 * @param source names the input in error messages (default: `path`)
 * @throws ManifestError when the input is over the limit; the `fs` error when it cannot be read
 */
export async function readManifestText(path: string, source: string = path): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const stats = await handle.stat();
    if (stats.isFile() && stats.size > MAX_MANIFEST_BYTES) {
      throw new ManifestError(source, [manifestMessages.inputTooLarge]);
    }
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, MAX_MANIFEST_BYTES + 1 - total));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      total += bytesRead;
      // A file that grew since its stat, or a stream: refuse at the first byte over the limit.
      if (total > MAX_MANIFEST_BYTES) {
        throw new ManifestError(source, [manifestMessages.inputOverLimit]);
      }
    }
    return decodeManifestText(Buffer.concat(chunks, total), source);
  } finally {
    await handle.close();
  }
}
