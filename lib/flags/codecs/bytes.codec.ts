import type { FlagCodec } from './flag-codec.interface.js';
import { CodecError } from './flag-codec.interface.js';

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * bytesCodec: raw bytes. A file (a ConfigMap's `binaryData` or `data` key)
 * gives its bytes untouched, not trimmed; text (command line, environment)
 * must be standard base64.
 */
export const bytesCodec: FlagCodec<Uint8Array> = {
  kind: 'bytes',
  expected: 'standard base64 text such as aGVsbG8= (files give raw bytes)',
  parse(raw) {
    if (typeof raw !== 'string') return Buffer.from(raw);
    const text = raw.trim();
    if (!BASE64.test(text)) throw new CodecError('not standard base64');
    return Buffer.from(text, 'base64');
  },
  freeze: (value) => value,
  format: (value) =>
    Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64'),
  canonical: (value) =>
    Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64'),
  equals: (a, b) => Buffer.compare(a, b) === 0,
  accepts: (value) => (value instanceof Uint8Array ? undefined : 'not a Uint8Array'),
};
