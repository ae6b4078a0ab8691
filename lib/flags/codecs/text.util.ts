import type { RawValue } from '../flag-kind.js';
import { CodecError } from './flag-codec.interface.js';

const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * toText decodes raw input as UTF-8 and trims surrounding whitespace (the
 * Go original's default input mutator: files usually end with a newline).
 */
export function toText(raw: RawValue): string {
  if (typeof raw === 'string') return raw.trim();
  try {
    return decoder.decode(raw).trim();
  } catch {
    throw new CodecError('the bytes are not valid UTF-8 text');
  }
}
