import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import type { Stats } from 'node:fs';
import { ByteSlab } from './byte-slab.util.js';

/** KeyFileRead is a key's bytes, or why they were not read (`refused`: its kind, or `tooLarge`). */
export type KeyFileRead =
  { readonly bytes: Buffer } | { readonly refused: string } | { readonly tooLarge: true };

/** kindOf names what a non-regular entry is, for messages. */
export const kindOf = (s: Stats): string =>
  s.isFile()
    ? 'a file'
    : s.isDirectory()
      ? 'a subdirectory'
      : s.isFIFO()
        ? 'a FIFO'
        : s.isSocket()
          ? 'a socket'
          : s.isCharacterDevice() || s.isBlockDevice()
            ? 'a device'
            : 'not a regular file';

/**
 * readKeyFile reads one value without ever blocking or reading without bound:
 * it opens with `O_NONBLOCK` (a FIFO put where a file was, between a `stat`
 * and the `open`, does not hang the event loop), checks that the opened
 * descriptor is a regular file, and reads at most `limit + 1` bytes whatever
 * `stat` says (files under `/proc` report size 0). A page-cached value of a
 * known size takes one read: a short read of a regular file is its end. `noFollow` refuses a
 * symlink put in place meanwhile. I/O errors (EACCES, EIO, EAGAIN) are
 * thrown, for the caller to turn into a refusal of the key.
 *
 * `listedRegular`: the entry is one kubelet wrote in a version directory, which never changes
 * once `..data` names it, and its listing typed it as a regular file. Then the value is read at
 * once into the slab's spare room, without an `fstat` first (one system call of four per key): a
 * read that does not fill the room is the whole value; one that fills it takes the general way
 * (`fstat`, then the whole file from its start). The open is still `O_NOFOLLOW | O_NONBLOCK` and
 * the read bounded by the room, so an entry replaced meanwhile by a FIFO, against kubelet's
 * layout, neither blocks nor is read without bound.
 */
export function readKeyFile(
  path: string,
  limit: number,
  noFollow = false,
  slab: ByteSlab = new ByteSlab(),
  listedRegular = false,
): KeyFileRead {
  const flags = constants.O_RDONLY | constants.O_NONBLOCK | (noFollow ? constants.O_NOFOLLOW : 0);
  const fd = openSync(path, flags);
  try {
    if (listedRegular) {
      const room = slab.spare();
      const read = readSync(fd, room, 0, room.length, null);
      if (read < room.length && read <= limit) return { bytes: slab.keep(room, read) };
    }
    return readOpened(fd, limit, slab);
  } finally {
    closeSync(fd);
  }
}

/** readOpened reads an opened key from its start: `fstat` first, then at most `limit + 1` bytes. */
function readOpened(fd: number, limit: number, slab: ByteSlab): KeyFileRead {
  const info = fstatSync(fd);
  if (!info.isFile()) return { refused: kindOf(info) };
  if (info.size > limit) return { tooLarge: true };
  // One byte more than stat says, to see the end (or growth) without another allocation.
  let buffer = slab.room(info.size + 1);
  let length = 0;
  for (;;) {
    if (length === buffer.length) {
      if (length > limit) return { tooLarge: true };
      // stat under-reported the size (/proc): grow, never beyond limit + 1.
      const bigger = Buffer.allocUnsafeSlow(Math.min(buffer.length * 2 + 4096, limit + 1));
      buffer.copy(bigger, 0, 0, length);
      buffer = bigger;
    }
    const wanted = buffer.length - length;
    // At its offset: a value begun by a read without `fstat` is read again from its start.
    const read = readSync(fd, buffer, length, wanted, length);
    if (read === 0) break;
    length += read;
    // A short read of a file whose size stat knew is its end: no second call to see it.
    // (Files that report size 0, as under /proc, are read until a read gives nothing.)
    if (info.size > 0 && read < wanted) break;
  }
  if (length > limit) return { tooLarge: true };
  return { bytes: slab.keep(buffer, length) };
}
