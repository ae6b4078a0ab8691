import { existsSync } from 'node:fs';
import { truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runCli } from '../../../lib/cli/run-cli.js';
import { captureIo } from '../../utils/capture-io.js';
import { makeTempDir, removeTempDir } from '../../utils/temp-dir.js';
import { configMap, FLAGS } from './validate-harness.js';

const MiB = 1024 * 1024;

describe('manifest input limits (dflag apply and validate)', () => {
  let root: string;

  beforeEach(async () => {
    root = await makeTempDir();
  });

  afterEach(async () => {
    await removeTempDir(root);
  });

  async function apply(file: string) {
    const io = captureIo(root);
    const code = await runCli(['apply', '-f', file, '--dir', 'vol'], io);
    expect(existsSync(join(root, 'vol'))).toBe(false);
    return { code, out: io.out, err: io.err };
  }

  /** A 100 MiB file, a valid ConfigMap start and then zeros (sparse: nothing is written). */
  async function hugeFile(): Promise<string> {
    const file = join(root, 'huge.yaml');
    await writeFile(file, configMap('data:\n  a: x\n'));
    await truncate(file, 100 * MiB);
    return file;
  }

  it('apply refuses a 100 MiB file by its size, naming the file and the limit', async () => {
    const file = await hugeFile();
    expect(await apply(file)).toEqual({
      code: 1,
      out: '',
      err:
        `dflag apply: Refused manifest ${file}:\n` +
        '  - is over the 33554432-byte (32 MiB) limit of a manifest input' +
        ' (all its documents together); nothing was parsed\n',
    });
  });

  it('validate refuses a 100 MiB file by its size, naming the file and the limit', async () => {
    const file = await hugeFile();
    const io = captureIo(root);
    expect(await runCli(['validate', '-f', file, '--flags', FLAGS], io)).toBe(1);
    expect(io.err).toBe('');
    expect(io.out).toBe(
      `${file}: is over the 33554432-byte (32 MiB) limit of a manifest input` +
        ' (all its documents together); nothing was parsed\n' +
        `Manifest ${file} refused: 1 error\n`,
    );
  });

  it('stops reading an input of unknown size at the limit (a device, a pipe)', async () => {
    expect(await apply('/dev/zero')).toEqual({
      code: 1,
      out: '',
      err:
        'dflag apply: Refused manifest /dev/zero:\n' +
        '  - is over the 33554432-byte (32 MiB) limit of a manifest input' +
        ' (all its documents together); reading stopped there, nothing was parsed\n',
    });
  });

  it('refuses a file that is not valid UTF-8 rather than writing U+FFFD', async () => {
    await writeFile(
      join(root, 'cm.yaml'),
      Buffer.concat([Buffer.from(configMap('data:\n  a: "')), Buffer.from([0xff, 0x22, 0x0a])]),
    );
    expect(await apply('cm.yaml')).toEqual({
      code: 1,
      out: '',
      err:
        'dflag apply: Refused manifest cm.yaml:\n' +
        '  - is not valid UTF-8 text: save the manifest as UTF-8\n',
    });
  });

  it('refuses one document over 4 MiB before parsing it, naming where it starts', async () => {
    const big = configMap(`data:\n  a: ${'x'.repeat(5 * MiB)}\n`);
    const small = configMap('data:\n  b: "1"\n').replace('app-config', 'other');
    await writeFile(join(root, 'cm.yaml'), `${small}---\n${big}`);
    expect(await apply('cm.yaml')).toEqual({
      code: 1,
      out: '',
      err:
        'dflag apply: Refused manifest cm.yaml:\n' +
        `  - the document starting at line 7 is over the 4194304-byte (4 MiB)` +
        ' limit of one document (the API server takes at most 3 MiB per object); nothing was parsed\n',
    });
  });

  it('accepts a multi-document input over 4 MiB in all, each document under the limit', async () => {
    const other = (i: number): string =>
      `apiVersion: v1\nkind: Secret\nmetadata:\n  name: s${i}\nstringData:\n  k: ${'y'.repeat(MiB)}\n`;
    const docs = [0, 1, 2, 3, 4].map(other);
    docs.push(configMap('data:\n  a: "1"\n'));
    await writeFile(join(root, 'all.yaml'), docs.join('---\n'));
    const io = captureIo(root);
    const argv = ['apply', '-f', 'all.yaml', '--dir', 'vol', '--name', 'app-config'];
    expect(await runCli(argv, io)).toBe(0);
    expect(io.err).toBe('');
  });
});
