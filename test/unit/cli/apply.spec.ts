import { readFile, readlink, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { runCli } from '../../../lib/cli/run-cli.js';
import { captureIo } from '../../utils/capture-io.js';
import { describeEntries } from '../../utils/describe-entries.js';
import { makeTempDir, removeTempDir } from '../../utils/temp-dir.js';

const FIXTURES = resolve(import.meta.dirname, '../../fixtures');
const VERSION = String.raw`\.\.\d{4}_\d{2}_\d{2}_\d{2}_\d{2}_\d{2}\.\d{1,10}`;

describe('dflag apply', () => {
  let root: string;

  beforeEach(async () => {
    root = await makeTempDir();
  });

  afterEach(async () => {
    await removeTempDir(root);
  });

  it('lays out the example ConfigMap as KUBELET.md describes', async () => {
    const io = captureIo(root);
    const manifest = join(FIXTURES, 'example-configmap.yaml');

    const code = await runCli(['apply', '-f', manifest, '--dir', 'vol'], io);

    expect(io.err).toBe('');
    expect(code).toBe(0);
    expect(io.out).toMatch(
      new RegExp(`^applied ConfigMap example-config to vol: 3 keys, version (${VERSION})\\n$`),
    );
    const dir = join(root, 'vol');
    const version = await readlink(join(dir, '..data'));
    expect(io.out).toContain(version);
    expect(await describeEntries(dir)).toEqual([
      `${version}/ 755`,
      `${version}/example_my_dynamic_int 644`,
      `${version}/example_my_dynamic_json 644`,
      `${version}/example_my_dynamic_string 644`,
      `..data -> ${version}`,
      'example_my_dynamic_int -> ..data/example_my_dynamic_int',
      'example_my_dynamic_json -> ..data/example_my_dynamic_json',
      'example_my_dynamic_string -> ..data/example_my_dynamic_string',
    ]);
    expect(await readFile(join(dir, 'example_my_dynamic_string'), 'utf8')).toBe('something');
    expect(await readFile(join(dir, 'example_my_dynamic_int'), 'utf8')).toBe('20');
    expect(await readFile(join(dir, 'example_my_dynamic_json'), 'utf8')).toBe(
      '{\n  "policy": "allow",\n  "rate": 50\n}',
    );
  });

  it('says unchanged when applied twice, and re-creates a missing symlink', async () => {
    const manifest = join(FIXTURES, 'example-configmap.yaml');
    const dir = join(root, 'vol');
    expect(await runCli(['apply', '-f', manifest, '--dir', dir], captureIo())).toBe(0);
    const version = await readlink(join(dir, '..data'));

    const io = captureIo();
    expect(await runCli(['apply', '--filename', manifest, '--dir', dir], io)).toBe(0);
    expect(io.out).toBe(
      `unchanged: ConfigMap example-config in ${dir} is already version ${version} (3 keys)\n`,
    );

    await rm(join(dir, 'example_my_dynamic_int'));
    const again = captureIo();
    expect(await runCli(['apply', '-f', manifest, '--dir', dir], again)).toBe(0);
    expect(again.out).toBe(
      `unchanged: ConfigMap example-config in ${dir} is already version ${version} (3 keys);` +
        ' re-created missing symlinks: example_my_dynamic_int\n',
    );
  });

  it('picks one of several documents by name, writing binaryData as raw bytes', async () => {
    const io = captureIo(root);
    const manifest = join(FIXTURES, 'several-configmaps.yaml');
    const first = await runCli(
      ['apply', '-f', manifest, '--dir', 'vol', '--name', 'first-config'],
      io,
    );
    expect(first).toBe(0);
    const before = await readlink(join(root, 'vol/..data'));

    const code = await runCli(
      ['apply', '-f', manifest, '--dir', 'vol', '--name', 'second-config', '--fs-group'],
      io,
    );

    expect(code).toBe(0);
    const after = await readlink(join(root, 'vol/..data'));
    expect(io.out.split('\n')[1]).toBe(
      `applied ConfigMap second-config to vol: 2 keys, version ${after} (replacing ${before})`,
    );
    expect(await describeEntries(join(root, 'vol'))).toEqual([
      `${after}/ 755`,
      `${after}/greeting 644`,
      `${after}/logo.bin 644`,
      `..data -> ${after}`,
      'greeting -> ..data/greeting',
      'logo.bin -> ..data/logo.bin',
    ]);
    expect([...(await readFile(join(root, 'vol/logo.bin')))]).toEqual([0, 1, 255]);
    expect(await readFile(join(root, 'vol/greeting'), 'utf8')).toBe('bonjour');
  });

  it('says 1 key for a single key', async () => {
    const io = captureIo(root);
    await writeFile(
      join(root, 'one.yaml'),
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: one\ndata:\n  a: "1"\n',
    );
    expect(await runCli(['apply', '-f', 'one.yaml', '--dir', 'vol'], io)).toBe(0);
    expect(io.out).toMatch(
      new RegExp(`^applied ConfigMap one to vol: 1 key, version ${VERSION}\\n$`),
    );
  });
});
