import { boolCodec } from '../flags/codecs/bool.codec.js';
import { bytesCodec } from '../flags/codecs/bytes.codec.js';
import { durationCodec } from '../flags/codecs/duration.codec.js';
import type { FlagCodec } from '../flags/codecs/flag-codec.interface.js';
import { floatCodec } from '../flags/codecs/float.codec.js';
import { intCodec } from '../flags/codecs/int.codec.js';
import { jsonCodec } from '../flags/codecs/json.codec.js';
import { listCodec } from '../flags/codecs/list.codec.js';
import { setCodec } from '../flags/codecs/set.codec.js';
import { stringCodec } from '../flags/codecs/string.codec.js';

// Floats accept NaN and ±Infinity here: whether a flag allows them is its declaration's, which a
// listing does not say; refusing them would report a refusal the pod may not make.
const CODECS: Readonly<Record<string, FlagCodec<unknown>>> = {
  bool: boolCodec,
  int: intCodec,
  float: floatCodec(true),
  string: stringCodec,
  duration: durationCodec,
  list: listCodec,
  set: setCodec,
  json: jsonCodec,
  bytes: bytesCodec,
} as Record<string, FlagCodec<unknown>>;

/**
 * kindCodec returns this package's codec for a flag kind a listing names (`int`, `duration`…),
 * or undefined for a kind it does not know (a newer release's).
 */
export function kindCodec(kind: string | undefined): FlagCodec<unknown> | undefined {
  return kind !== undefined && Object.hasOwn(CODECS, kind) ? CODECS[kind] : undefined;
}
