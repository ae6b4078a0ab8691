import { randomInt } from 'node:crypto';

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/**
 * randomDirSuffix returns what Go's `os.MkdirTemp` appends to a name: a random unsigned 32-bit
 * integer in decimal, so 1 to 10 digits.
 */
export function randomDirSuffix(): string {
  return String(randomInt(0, 2 ** 32));
}

/**
 * timestampedDirName builds a kubelet version directory name:
 * `..` + UTC `YYYY_MM_DD_hh_mm_ss` + `.` + the random suffix, e.g.
 * `..2026_11_25_09_10_02.2251008339`.
 *
 * @param now the clock reading to use (default: the current time)
 * @param suffix the random part (default: a fresh `randomDirSuffix`)
 */
export function timestampedDirName(now: Date = new Date(), suffix = randomDirSuffix()): string {
  const date = `${pad(now.getUTCFullYear(), 4)}_${pad(now.getUTCMonth() + 1)}_${pad(now.getUTCDate())}`;
  const time = `${pad(now.getUTCHours())}_${pad(now.getUTCMinutes())}_${pad(now.getUTCSeconds())}`;
  return `..${date}_${time}.${suffix}`;
}
