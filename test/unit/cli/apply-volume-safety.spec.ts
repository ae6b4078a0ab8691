import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, readlink, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runCli } from '../../../lib/cli/run-cli.js';
import { captureIo } from '../../utils/capture-io.js';
import { describeEntries } from '../../utils/describe-entries.js';
import { makeTempDir, removeTempDir } from '../../utils/temp-dir.js';
import { configMap } from './validate-harness.js';

describe('dflag apply leaves what it did not write alone', () => {
  let root: string;

  beforeEach(async () => {
    root = await makeTempDir();
  });

  afterEach(async () => {
    await removeTempDir(root);
  });

  async function apply(dir: string, body: string) {
    await writeFile(join(root, 'cm.yaml'), configMap(body));
    const io = captureIo(root);
    const code = await runCli(['apply', '-f', 'cm.yaml', '--dir', dir], io);
    return { code, out: io.out, err: io.err };
  }

  it('refuses a --dir whose ..data leads outside it, keeping the files named like its entries', async () => {
    const outside = join(root, 'outside');
    await mkdir(outside);
    await writeFile(join(outside, 'notes.txt'), 'outside');
    const dir = join(root, 'vol');
    await mkdir(dir);
    await writeFile(join(dir, 'notes.txt'), 'mine');
    await symlink('../outside', join(dir, '..data'));

    expect(await apply('vol', 'data:\n  a: "1"\n')).toEqual({
      code: 1,
      out: '',
      err:
        `dflag apply: cannot write vol: Refused to write volume ${dir} (nothing was written): ` +
        `${join(dir, '..data')} points to "../outside"; kubelet's ..data names a version directory` +
        ' (..<timestamp>) directly inside the volume: this directory was not written by kubelet or the volume writer\n',
    });
    expect(await readFile(join(dir, 'notes.txt'), 'utf8')).toBe('mine');
    expect((await readdir(dir)).sort()).toEqual(['..data', 'notes.txt']);
    expect(await readFile(join(outside, 'notes.txt'), 'utf8')).toBe('outside');
  });

  /**
   * A --dir so deep that a key of 250 characters no longer fits PATH_MAX under its version
   * directory, while a one-letter key does: the write fails midway (ENAMETOOLONG), even as root.
   */
  async function deepDir(): Promise<string> {
    let parent = root;
    while (parent.length < 3_600) parent = join(parent, 'p'.repeat(200));
    parent = join(parent, 'p'.repeat(3_900 - 4 - parent.length - 1));
    await mkdir(parent, { recursive: true });
    return join(parent, 'vol');
  }
  const failing = `data:\n  a: "1"\n  ${'k'.repeat(250)}: "2"\n`;

  it('removes the half-written version of a first apply that failed midway', async () => {
    const dir = await deepDir();
    expect(dir).toHaveLength(3_900);

    const { code, out, err } = await apply(dir, failing);

    expect({ code, out }).toEqual({ code: 1, out: '' });
    expect(err).toMatch(new RegExp(`^dflag apply: cannot write ${dir}: ENAMETOOLONG`));
    expect(existsSync(dir)).toBe(false);
  });

  it('leaves the current version serving after an apply that failed midway', async () => {
    const dir = await deepDir();
    expect((await apply(dir, 'data:\n  a: "0"\n')).code).toBe(0);
    const before = await describeEntries(dir);
    const version = await readlink(join(dir, '..data'));

    expect((await apply(dir, failing)).code).toBe(1);

    expect(await describeEntries(dir)).toEqual(before);
    expect(await readlink(join(dir, '..data'))).toBe(version);
    expect(await readFile(join(dir, 'a'), 'utf8')).toBe('0');
  });
});
