/** The hex digits of a checksum that the hash metric carries: 12 × 4 = 48 bits. */
const HASH_HEX_DIGITS = 12;

/**
 * configHashValue turns a published checksum (16 hex digits, see
 * `checksumOf`) into the value of `dflag_config_hash`: its leading 48 bits as
 * a number, which a float64 (every Prometheus sample) holds exactly, so that
 * replicas serving the same values show the same number, and
 * `printf '%d' 0x<first 12 digits>` gives it from a checksum. A sensitive
 * flag's value never enters the checksum, hence never this number.
 */
export function configHashValue(checksum: string): number {
  return Number.parseInt(checksum.slice(0, HASH_HEX_DIGITS), 16);
}
