import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { runCli } from '../../../lib/cli/run-cli.js';
import type { ManifestStream } from '../../../lib/configmap/manifest/read-manifest-stream.util.js';
import { captureIo } from '../../utils/capture-io.js';
import { makeTempDir, removeTempDir } from '../../utils/temp-dir.js';
import { configMap, FLAGS } from './validate-harness.js';

const MiB = 1024 * 1024;

describe('-f - reads the manifest from standard input (dflag apply and validate)', () => {
  let root: string;
  beforeEach(async () => {
    root = await makeTempDir();
  });
  afterEach(async () => {
    await removeTempDir(root);
  });

  async function run(stdin: ManifestStream, ...argv: string[]) {
    const captured = captureIo(root);
    const code = await runCli(argv, { ...captured, stdout: captured.stdout, stdin });
    return { code, out: captured.out, err: captured.err };
  }

  /** What `kustomize build` prints: a Deployment beside the one ConfigMap, in chunks. */
  const kustomizeOutput = (): Readable =>
    Readable.from([
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\n---\n',
      Buffer.from(configMap("data:\n  example_my_dynamic_int: '7'\n  port: '80'\n")),
    ]);

  it('validates a piped kustomize build holding one ConfigMap, without --name', async () => {
    expect(await run(kustomizeOutput(), 'validate', '-f', '-', '--flags', FLAGS)).toEqual({
      code: 0,
      out: 'ConfigMap app-config: 2 keys checked against 9 flags: 0 errors, 0 warnings, 1 note (--verbose lists them)\n',
      err: '',
    });
  });

  it('applies a piped manifest, and names it <stdin> in refusals', async () => {
    const applied = await run(kustomizeOutput(), 'apply', '-f', '-', '--dir', 'vol');
    expect(applied).toMatchObject({ code: 0, err: '' });
    expect(applied.out).toMatch(/^applied ConfigMap app-config to vol: 2 keys, version \.\./);
    expect(await readFile(join(root, 'vol/example_my_dynamic_int'), 'utf8')).toBe('7');

    const refused = await run(
      Readable.from([configMap('data:\n  rate: 20\n')]),
      'apply',
      '-f',
      '-',
      '--dir',
      'other',
    );
    expect(refused).toEqual({
      code: 1,
      out: '',
      err:
        'dflag apply: Refused ConfigMap manifest <stdin>:\n' +
        '  - data key "rate" has a number value; ConfigMap data values must be strings (kubectl refuses it): quote it, e.g. rate: "…"\n',
    });
    expect(existsSync(join(root, 'other'))).toBe(false);
  });

  it('refuses a terminal before reading it, and an empty input', async () => {
    const tty = Object.assign(Readable.from([]), { isTTY: true });
    expect(await run(tty, 'validate', '-f', '-', '--flags', FLAGS)).toEqual({
      code: 1,
      out:
        '<stdin>: is a terminal: pipe a manifest into it (kustomize build … | dflag validate -f - …) or give a file to -f\n' +
        'Manifest <stdin> refused: 1 error\n',
      err: '',
    });
    expect(tty.readableFlowing).toBeNull(); // never read
    expect(await run(Readable.from([]), 'apply', '-f', '-', '--dir', 'vol')).toEqual({
      code: 1,
      out: '',
      err:
        'dflag apply: Refused manifest <stdin>:\n' +
        '  - is empty: nothing was piped into it (-f - reads the manifest from standard input)\n',
    });
  });

  it('stops reading at the 32 MiB input limit', async () => {
    let produced = 0;
    // An endless stream: the command must stop on its own, right after the limit.
    const endless = new Readable({
      read() {
        produced += MiB;
        this.push(Buffer.alloc(MiB, 0x20));
      },
    });
    expect(await run(endless, 'apply', '-f', '-', '--dir', 'vol')).toEqual({
      code: 1,
      out: '',
      err:
        'dflag apply: Refused manifest <stdin>:\n' +
        '  - is over the 33554432-byte (32 MiB) limit of a manifest input (all its documents together); reading stopped there, nothing was parsed\n',
    });
    expect(produced).toBeLessThan(40 * MiB);
    expect(endless.destroyed).toBe(true);
  });

  it('reads standard input once only', async () => {
    const { code, err } = await run(
      Readable.from([]),
      'apply',
      '-f',
      '-',
      '-f',
      '-',
      '--dir',
      'vol',
    );
    expect(code).toBe(2);
    expect(err).toMatch(/^dflag apply: standard input \(-f -\) can be read only once\n\nUsage: /);
  });
});
