import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { runCli } from '../../../lib/cli/run-cli.js';
import { captureIo } from '../../utils/capture-io.js';
import { describeEntries } from '../../utils/describe-entries.js';
import { makeTempDir, removeTempDir } from '../../utils/temp-dir.js';

const FIXTURES = resolve(import.meta.dirname, '../../fixtures');

const configMap = (body: string): string =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app-config\n${body}`;

describe('dflag apply refusals', () => {
  let root: string;

  beforeEach(async () => {
    root = await makeTempDir();
  });

  afterEach(async () => {
    await removeTempDir(root);
  });

  /** Applies `text` as cm.yaml to a fresh `vol`; the volume must not even be created. */
  async function refuse(text: string, ...extra: string[]) {
    await writeFile(join(root, 'cm.yaml'), text);
    const io = captureIo(root);
    const code = await runCli(['apply', '-f', 'cm.yaml', '--dir', 'vol', ...extra], io);
    expect(io.out).toBe('');
    expect(existsSync(join(root, 'vol'))).toBe(false);
    return { code, err: io.err };
  }

  const refusal = (...problems: string[]): string =>
    `dflag apply: Refused ConfigMap manifest cm.yaml:\n${problems.map((p) => `  - ${p}\n`).join('')}`;

  /** A refusal before an object (and its kind) was read. */
  const streamRefusal = (...problems: string[]): string =>
    `dflag apply: Refused manifest cm.yaml:\n${problems.map((p) => `  - ${p}\n`).join('')}`;

  it('refuses the unquoted int of the seed README, suggesting quotes', async () => {
    const io = captureIo(root);
    const manifest = join(FIXTURES, 'example-configmap-unquoted.yaml');

    const code = await runCli(['apply', '-f', manifest, '--dir', 'vol'], io);

    expect(code).toBe(1);
    expect(io.out).toBe('');
    expect(io.err).toBe(
      `dflag apply: Refused ConfigMap manifest ${manifest}:\n` +
        '  - data key "example_my_dynamic_int" has a number value; ConfigMap data values' +
        ' must be strings (kubectl refuses it): quote it, e.g. example_my_dynamic_int: "…"\n',
    );
    expect(existsSync(join(root, 'vol'))).toBe(false);
  });

  it('refuses booleans, YAML 1.1 style, nulls and structured values', async () => {
    const { code, err } = await refuse(
      configMap('data:\n  on: yes\n  ratio: 1.50\n  empty:\n  nested:\n    a: b\n  list: [1]\n'),
    );
    expect(code).toBe(1);
    expect(err).toBe(
      refusal(
        'data key "true" has a boolean value; ConfigMap data values must be strings (kubectl refuses it): quote it, e.g. true: "…"',
        'data key "ratio" has a number value; ConfigMap data values must be strings (kubectl refuses it): quote it, e.g. ratio: "…"',
        'data key "empty" has no value; ConfigMap data values must be strings: write empty: "" for an empty value',
        'data key "nested" has a mapping value; ConfigMap data values must be strings: write it as text, e.g. in a block scalar (nested: |)',
        'data key "list" has a list value; ConfigMap data values must be strings: write it as text, e.g. in a block scalar (list: |)',
      ),
    );
  });

  it('refuses an object that is neither a ConfigMap nor a Secret', async () => {
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\ndata:\n  a: YQ==\n';
    expect(await refuse(pod)).toEqual({
      code: 1,
      err: streamRefusal(
        'is not a ConfigMap or Secret: found kind Pod, apiVersion v1; expected kind: ConfigMap or Secret, apiVersion: v1',
      ),
    });
    const v2 = 'apiVersion: v2\nkind: ConfigMap\nmetadata:\n  name: c\n';
    expect((await refuse(v2)).err).toBe(
      streamRefusal(
        'is not a ConfigMap or Secret: found kind ConfigMap, apiVersion v2; expected kind: ConfigMap or Secret, apiVersion: v1',
      ),
    );
    expect((await refuse('- a\n- b\n')).err).toBe(
      streamRefusal(
        'is not a Kubernetes object (a YAML mapping with kind, apiVersion and metadata)',
      ),
    );
  });

  it('refuses invalid key names', async () => {
    const { code, err } = await refuse(
      configMap(
        'data:\n  ..data: x\n  "with space": x\n  a/b: x\n  .env: fine\nbinaryData:\n  "..": YQ==\n',
      ),
    );
    expect(code).toBe(1);
    expect(err).toBe(
      refusal(
        'data key "..data" is invalid: "..data" must not start with ".." (kubelet reserves those names)',
        'data key "with space" is invalid: "with space" must consist of letters, digits, "-", "_" or "." ([-._a-zA-Z0-9]+)',
        'data key "a/b" is invalid: "a/b" must consist of letters, digits, "-", "_" or "." ([-._a-zA-Z0-9]+)',
        'binaryData key ".." is invalid: must not contain a ".." component',
      ),
    );
  });

  it('refuses a ConfigMap over 1 MiB, counting data and decoded binaryData', async () => {
    const half = 'x'.repeat(524_288);
    const binary = Buffer.alloc(524_289, 1).toString('base64');
    const { code, err } = await refuse(
      configMap(`data:\n  a: ${half}\nbinaryData:\n  b: ${binary}\n`),
    );
    expect(code).toBe(1);
    expect(err).toBe(
      refusal('data and binaryData total over the 1048576-byte (1 MiB) limit of a ConfigMap'),
    );
  });

  it('accepts exactly 1 MiB', async () => {
    await writeFile(join(root, 'cm.yaml'), configMap(`data:\n  a: ${'x'.repeat(1_048_576)}\n`));
    const io = captureIo(root);
    expect(await runCli(['apply', '-f', 'cm.yaml', '--dir', 'vol'], io)).toBe(0);
  });

  it('refuses a key in both data and binaryData, and invalid base64', async () => {
    const { code, err } = await refuse(
      configMap('data:\n  a: x\nbinaryData:\n  a: YQ==\n  b: not base64!\n  c: YQ\n  d: 42\n'),
    );
    expect(code).toBe(1);
    expect(err).toBe(
      refusal(
        'binaryData key "b" is not valid base64 (standard alphabet, with = padding)',
        'binaryData key "c" is not valid base64 (standard alphabet, with = padding)',
        'binaryData key "d" must be a base64 string',
        'key "a" is in both data and binaryData; a key may appear in only one of them',
      ),
    );
  });

  it('accepts base64 folded over several lines', async () => {
    await writeFile(join(root, 'cm.yaml'), configMap('binaryData:\n  b: |\n    AAH/\n    AAH/\n'));
    expect(await runCli(['apply', '-f', 'cm.yaml', '--dir', 'vol'], captureIo(root))).toBe(0);
  });

  it('refuses a ConfigMap without a name, and data that is not a mapping', async () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {}\ndata: [a]\n';
    expect((await refuse(text)).err).toBe(
      refusal(
        'metadata.name is missing: a ConfigMap needs a name',
        'data must be a mapping of keys to values',
      ),
    );
  });

  it('refuses several ConfigMaps without --name, listing them (not the other kinds)', async () => {
    const io = captureIo(root);
    const manifest = join(FIXTURES, 'several-configmaps.yaml');
    expect(await runCli(['apply', '-f', manifest, '--dir', 'vol'], io)).toBe(1);
    expect(io.err).toBe(
      `dflag apply: Refused manifest ${manifest}:\n` +
        '  - holds 2 documents of kind ConfigMap or Secret; choose with --name: first-config (ConfigMap),' +
        ' second-config (ConfigMap)\n',
    );
  });

  it('refuses an unknown --name, a duplicated name and a non-ConfigMap picked by name', async () => {
    const twice = `${configMap('')}---\n${configMap('')}`;
    expect((await refuse(twice, '--name', 'other')).err).toBe(
      streamRefusal(
        'holds no document named "other"; found: app-config (ConfigMap), app-config (ConfigMap)',
      ),
    );
    expect((await refuse(twice, '--name', 'app-config')).err).toBe(
      streamRefusal('holds 2 documents named "app-config"'),
    );
    const manifest = join(FIXTURES, 'several-configmaps.yaml');
    const io = captureIo(root);
    expect(await runCli(['apply', '-f', manifest, '--dir', 'vol', '--name', 'app'], io)).toBe(1);
    expect(io.err).toContain(
      'is not a ConfigMap or Secret: found kind Deployment, apiVersion apps/v1',
    );
  });

  it('refuses invalid YAML and empty files', async () => {
    expect((await refuse(configMap('data:\n  a: 1\n  a: 2\n'))).err).toBe(
      streamRefusal(
        'invalid YAML: duplicate key "a" at line 7, column 3 (first at line 6, column 3); the keys of a mapping must be unique',
      ),
    );
    expect((await refuse(configMap('data:\n  a: "unclosed\n'))).err).toBe(
      streamRefusal('invalid YAML: a closing quote or bracket is missing at line 7, column 1'),
    );
    expect((await refuse(configMap('data:\n  a: *nowhere\n  b: &later "x"\n'))).err).toBe(
      streamRefusal(
        'invalid YAML: an alias (*name) names no anchor before it; a value that starts with * must be quoted at line 6, column 6',
      ),
    );
    expect((await refuse('# nothing here\n')).err).toBe(streamRefusal('holds no YAML document'));
  });

  it('refuses a missing file', async () => {
    const io = captureIo(root);
    expect(await runCli(['apply', '-f', 'missing.yaml', '--dir', 'vol'], io)).toBe(1);
    expect(io.err).toBe(
      `dflag apply: cannot read missing.yaml: ENOENT: no such file or directory, open '${join(root, 'missing.yaml')}'\n`,
    );
  });

  it('leaves an existing volume untouched', async () => {
    const io = captureIo(root);
    const good = join(FIXTURES, 'example-configmap.yaml');
    expect(await runCli(['apply', '-f', good, '--dir', 'vol'], io)).toBe(0);
    const before = await describeEntries(join(root, 'vol'));

    const bad = join(FIXTURES, 'example-configmap-unquoted.yaml');
    expect(await runCli(['apply', '-f', bad, '--dir', 'vol'], io)).toBe(1);

    expect(await describeEntries(join(root, 'vol'))).toEqual(before);
  });
});
