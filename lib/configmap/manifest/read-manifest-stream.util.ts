import { decodeManifestText } from './decode-manifest-text.util.js';
import { MAX_MANIFEST_BYTES } from './manifest-limits.constants.js';
import { ManifestError } from './manifest.error.js';
import { manifestMessages } from './manifest-messages.constant.js';

/** ManifestStream is a stream a manifest can be read from, such as `process.stdin`. */
export interface ManifestStream extends AsyncIterable<Uint8Array | string> {
  /** ManifestStream.isTTY is true for a terminal, which nobody pipes a manifest into. */
  readonly isTTY?: boolean;
}

/**
 * readManifestStream reads a manifest from a stream (standard input: `kustomize build … | dflag
 * validate -f -`) with the limits of a file: at most {@link MAX_MANIFEST_BYTES}, refused at the
 * first byte over it (reading stops there), valid UTF-8. A terminal is refused before anything is
 * read (it would wait for typing), and so is an empty stream.
 *
 * @throws ManifestError when the stream is a terminal, empty, over the limit or not UTF-8
 */
export async function readManifestStream(stream: ManifestStream, source: string): Promise<string> {
  if (stream.isTTY === true) throw new ManifestError(source, [manifestMessages.stdinIsTerminal]);
  const chunks: Buffer[] = [];
  let total = 0;
  // Leaving the loop early (over the limit) destroys the stream: nothing more is buffered.
  for await (const chunk of stream) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk);
    total += bytes.byteLength;
    if (total > MAX_MANIFEST_BYTES) {
      throw new ManifestError(source, [manifestMessages.inputOverLimit]);
    }
    chunks.push(bytes);
  }
  if (total === 0) throw new ManifestError(source, [manifestMessages.stdinEmpty]);
  return decodeManifestText(Buffer.concat(chunks, total), source);
}
