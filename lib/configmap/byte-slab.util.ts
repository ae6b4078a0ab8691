/** Values larger than this get a buffer of their own. */
const OWN_BUFFER_BYTES = 16 * 1024;
/** The size of each shared chunk. */
const CHUNK_BYTES = 64 * 1024;

/** A chunk allocated ahead (see {@link ByteSlab.prepare}), taken by the next read's first value. */
let ready: Buffer | undefined;

/** newChunk takes the chunk allocated ahead, or allocates one. */
function newChunk(): Buffer {
  const chunk = ready ?? Buffer.allocUnsafeSlow(CHUNK_BYTES);
  ready = undefined;
  return chunk;
}

/**
 * ByteSlab hands out the buffers one read of a volume reads its keys into, cut from shared 64 KiB
 * chunks: a thousand small values are a few dozen allocations instead of a thousand, which the
 * garbage collector tracks and frees together (the values of one version live and die together).
 * A value over 16 KiB gets a buffer of its own.
 */
export class ByteSlab {
  private chunk: Buffer | undefined;
  private offset = 0;

  /**
   * prepare allocates the first chunk of the next read ahead of it (the engine does, once a
   * version's events went out): allocating it costs tens of microseconds between kubelet's
   * `rename` and the flags' subscribers otherwise. One chunk waits at most, for any engine.
   */
  static prepare(): void {
    ready ??= Buffer.allocUnsafeSlow(CHUNK_BYTES);
  }

  /** room returns a buffer of at least `bytes` bytes to read into; `keep` then takes what was read. */
  room(bytes: number): Buffer {
    if (bytes > OWN_BUFFER_BYTES) return Buffer.allocUnsafeSlow(bytes);
    if (!this.chunk || this.chunk.length - this.offset < bytes) {
      this.chunk = newChunk();
      this.offset = 0;
    }
    return this.chunk.subarray(this.offset, this.offset + bytes);
  }

  /**
   * spare returns the rest of the current chunk to read a value of unknown size into (a new chunk
   * when less than the largest shared value is left); `keep` then takes what was read.
   */
  spare(): Buffer {
    if (!this.chunk || this.chunk.length - this.offset < OWN_BUFFER_BYTES) {
      this.chunk = newChunk();
      this.offset = 0;
    }
    return this.chunk.subarray(this.offset);
  }

  /** keep returns the first `length` bytes of `room` as the value, and frees the rest of the room. */
  keep(room: Buffer, length: number): Buffer {
    if (this.chunk && room.buffer === this.chunk.buffer) this.offset += length;
    return room.subarray(0, length);
  }
}
