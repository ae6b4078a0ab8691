import { isUtf8 } from 'node:buffer';
import { ManifestError } from './manifest.error.js';
import { manifestMessages } from './manifest-messages.constant.js';

/**
 * decodeManifestText decodes the bytes of a manifest input as UTF-8, refusing bytes that are not:
 * decoding would replace them with U+FFFD silently, and apply would write those.
 *
 * @throws ManifestError when the bytes are not valid UTF-8
 */
export function decodeManifestText(bytes: Buffer, source: string): string {
  if (!isUtf8(bytes)) throw new ManifestError(source, [manifestMessages.notUtf8]);
  return bytes.toString('utf8');
}
