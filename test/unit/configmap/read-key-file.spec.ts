import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ByteSlab } from '../../../lib/configmap/byte-slab.util.js';
import { readKeyFile } from '../../../lib/configmap/read-key-file.util.js';
import { makeTempDir, removeTempDir } from '../../utils/temp-dir.js';

const run = promisify(execFile);
const LIMIT = 1024 * 1024;

/** bytesOf is what a read gave, failing the test when it gave no bytes. */
const bytesOf = (read: ReturnType<typeof readKeyFile>): Buffer => {
  if (!('bytes' in read)) throw new Error(`no bytes: ${JSON.stringify(read)}`);
  return read.bytes;
};

describe('readKeyFile, for a file a version directory lists as regular (no fstat first)', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await makeTempDir('dflag-read-key-');
  });
  afterEach(async () => {
    await removeTempDir(dir);
  });

  it('reads small, empty and larger-than-its-room values whole, each into its own bytes of one slab', async () => {
    const sizes = [0, 1, 1000, 20_000, 40_000, 70_000, 200_000, 17_000, 5];
    const values = sizes.map((size, i) => Buffer.alloc(size, 65 + i));
    await Promise.all(values.map((value, i) => writeFile(join(dir, `key_${i}`), value)));
    const slab = new ByteSlab();
    const read = values.map((_, i) =>
      bytesOf(readKeyFile(join(dir, `key_${i}`), LIMIT, true, slab, true)),
    );
    // Read all first, compared after: a later value written over an earlier one would show.
    read.forEach((bytes, i) => expect(bytes.equals(values[i] as Buffer)).toBe(true));
  });

  it('refuses a value over the limit as the general way does', async () => {
    await writeFile(join(dir, 'big'), Buffer.alloc(LIMIT + 10, 120));
    expect(readKeyFile(join(dir, 'big'), LIMIT, true, new ByteSlab(), true)).toEqual({
      tooLarge: true,
    });
  });

  it('a FIFO put where the listing saw a file neither blocks nor is read beyond the room', async () => {
    const fifo = join(dir, 'fifo');
    await run('mkfifo', [fifo]);
    const read = readKeyFile(fifo, LIMIT, true, new ByteSlab(), true);
    expect('bytes' in read ? read.bytes.length : 0).toBeLessThanOrEqual(64 * 1024);
  });
});
