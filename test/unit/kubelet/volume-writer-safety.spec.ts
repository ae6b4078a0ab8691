import { existsSync } from 'node:fs';
import { mkdir, readFile, readlink, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeConfigMapVolume } from '../../../lib/testing/index.js';
import { describeEntries } from '../../utils/describe-entries.js';
import { makeTempDir, removeTempDir } from '../../utils/temp-dir.js';

/**
 * A nested item path that fits the 4096-byte limit of a volume path but, under the volume's own
 * path and its version directory, exceeds the system's PATH_MAX: writing it fails (ENAMETOOLONG)
 * after the keys that sort before it were written. A real failure midway, even as root.
 */
const tooDeep = (): string => {
  const path = `z/${Array.from({ length: 16 }, () => 'd'.repeat(250)).join('/')}/${'d'.repeat(70)}`;
  expect(Buffer.byteLength(path)).toBeLessThanOrEqual(4096);
  return path;
};

describe('writeConfigMapVolume never removes what it did not create', () => {
  let root: string;
  let dir: string;

  beforeEach(async () => {
    root = await makeTempDir();
    dir = join(root, 'vol');
  });

  afterEach(async () => {
    await removeTempDir(root);
  });

  /** A directory outside the volume holding `notes.txt`, and the user's own `vol/notes.txt`. */
  async function userFiles(): Promise<string> {
    const outside = join(root, 'outside');
    await mkdir(outside);
    await writeFile(join(outside, 'notes.txt'), 'outside');
    await mkdir(dir);
    await writeFile(join(dir, 'notes.txt'), 'mine');
    return outside;
  }

  it.each([
    ['a relative path out of the volume', '../outside'],
    ['an absolute path', 'OUTSIDE'],
    ['the volume itself', '.'],
    ['its parent', '..'],
    ['..data itself', '..data'],
    ['a path below a version directory', '..v1/sub'],
  ])('refuses a ..data that points at %s, changing nothing', async (_, target) => {
    const outside = await userFiles();
    await mkdir(join(dir, '..v1/sub'), { recursive: true });
    const link = target === 'OUTSIDE' ? outside : target;
    await symlink(link, join(dir, '..data'));
    const before = await describeEntries(dir);

    await expect(writeConfigMapVolume(dir, { a: '1' })).rejects.toThrow(
      `Refused to write volume ${dir} (nothing was written): ${join(dir, '..data')} points to ` +
        `${JSON.stringify(link)}; kubelet's ..data names a version directory (..<timestamp>) ` +
        'directly inside the volume: this directory was not written by kubelet or the volume writer',
    );

    expect(await describeEntries(dir)).toEqual(before);
    expect(await readFile(join(dir, 'notes.txt'), 'utf8')).toBe('mine');
    expect(await readFile(join(outside, 'notes.txt'), 'utf8')).toBe('outside');
  });

  it.each([
    ['a symlink out of the volume', 'link'],
    ['a file', 'file'],
  ])('refuses a ..data whose version directory is %s', async (_, kind) => {
    const outside = await userFiles();
    if (kind === 'link') await symlink(outside, join(dir, '..v1'));
    else await writeFile(join(dir, '..v1'), 'x');
    await symlink('..v1', join(dir, '..data'));
    const before = await describeEntries(dir);

    await expect(writeConfigMapVolume(dir, { a: '1' })).rejects.toThrow(
      `Refused to write volume ${dir} (nothing was written): ${join(dir, '..data')} points to ` +
        `"..v1", which is ${kind === 'link' ? 'a symlink' : 'not a directory'}: ` +
        'this directory was not written by kubelet or the volume writer',
    );
    expect(await describeEntries(dir)).toEqual(before);
    expect(await readFile(join(dir, 'notes.txt'), 'utf8')).toBe('mine');
  });

  it('writes over a ..data whose version directory is gone', async () => {
    await mkdir(dir);
    await symlink('..2020_01_01_00_00_00.1', join(dir, '..data'));
    const result = await writeConfigMapVolume(dir, { a: '1' });
    expect(result).toMatchObject({ changed: true, previous: '..2020_01_01_00_00_00.1' });
    expect(await readFile(join(dir, 'a'), 'utf8')).toBe('1');
  });

  it('leaves a removed key alone when the user replaced its symlink', async () => {
    await writeConfigMapVolume(dir, { a: '1', b: '2', c: '3' });
    await rm(join(dir, 'b'));
    await writeFile(join(dir, 'b'), 'mine');
    await rm(join(dir, 'c'));
    await symlink('a', join(dir, 'c'));

    const result = await writeConfigMapVolume(dir, { a: '1' });

    expect(result).toMatchObject({ changed: true, removed: [] });
    expect(await readFile(join(dir, 'b'), 'utf8')).toBe('mine');
    expect(await readlink(join(dir, 'c'))).toBe('a');
  });

  it('removes the half-written version after a write that failed, leaving the volume as it was', async () => {
    const first = await writeConfigMapVolume(dir, { a: '1' });
    const before = await describeEntries(dir);

    const failed = writeConfigMapVolume(dir, { a: '2', [tooDeep()]: 'x' });

    await expect(failed).rejects.toThrow(/ENAMETOOLONG/);
    expect(await describeEntries(dir)).toEqual(before);
    expect(await readlink(join(dir, '..data'))).toBe(first.version);
  });

  it('removes what it created after a first write that failed: no directory at all', async () => {
    const failed = writeConfigMapVolume(join(dir, 'nested'), { a: '1', [tooDeep()]: 'x' });
    await expect(failed).rejects.toThrow(/ENAMETOOLONG/);
    expect(existsSync(dir)).toBe(false);
  });

  it('keeps an existing empty directory after a first write that failed', async () => {
    await mkdir(dir);
    await expect(writeConfigMapVolume(dir, { a: '1', [tooDeep()]: 'x' })).rejects.toThrow(
      /ENAMETOOLONG/,
    );
    expect(await describeEntries(dir)).toEqual([]);
  });
});
