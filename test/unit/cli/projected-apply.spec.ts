import { existsSync } from 'node:fs';
import { readFile, readlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runCli } from '../../../lib/cli/run-cli.js';
import { captureIo } from '../../utils/capture-io.js';
import { describeEntries } from '../../utils/describe-entries.js';
import { makeTempDir, removeTempDir } from '../../utils/temp-dir.js';

const CONFIG_MAP =
  "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app-config\ndata:\n  rate: '5'\n  greeting: hi\n";
const SECRET =
  'apiVersion: v1\nkind: Secret\nmetadata:\n  name: app-secret\nstringData:\n  api_key: fake-key\n';
const DEPLOYMENT = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\n';

describe('dflag apply: several sources into one version, as a projected volume', () => {
  let root: string;
  beforeEach(async () => {
    root = await makeTempDir();
    await writeFile(join(root, 'cm.yaml'), CONFIG_MAP);
    await writeFile(join(root, 'secret.yaml'), SECRET);
    await writeFile(join(root, 'all.yaml'), [DEPLOYMENT, CONFIG_MAP, SECRET].join('---\n'));
  });
  afterEach(async () => {
    await removeTempDir(root);
  });

  async function apply(...argv: string[]) {
    const io = captureIo(root);
    const code = await runCli(['apply', ...argv, '--dir', 'vol'], io);
    return { code, out: io.out, err: io.err };
  }

  it('combines -f cm.yaml -f secret.yaml into one version; the ConfigMap alone drops the Secret’s keys', async () => {
    const both = await apply('-f', 'cm.yaml', '-f', 'secret.yaml');
    expect(both.err).toBe('');
    const version = await readlink(join(root, 'vol/..data'));
    expect(both.out).toBe(
      `applied ConfigMap app-config + Secret app-secret to vol: 3 keys, version ${version}\n`,
    );
    expect(await describeEntries(join(root, 'vol'))).toEqual([
      `${version}/ 755`,
      `${version}/api_key 644`,
      `${version}/greeting 644`,
      `${version}/rate 644`,
      `..data -> ${version}`,
      'api_key -> ..data/api_key',
      'greeting -> ..data/greeting',
      'rate -> ..data/rate',
    ]);
    expect(await readFile(join(root, 'vol/api_key'), 'utf8')).toBe('fake-key');

    // Same sources again: nothing written.
    expect((await apply('-f', 'cm.yaml', '-f', 'secret.yaml')).out).toBe(
      `unchanged: ConfigMap app-config + Secret app-secret in vol is already version ${version} (3 keys)\n`,
    );
    // The ConfigMap alone is another volume content: the Secret's key goes.
    expect((await apply('-f', 'cm.yaml')).code).toBe(0);
    expect(existsSync(join(root, 'vol/api_key'))).toBe(false);
  });

  it('picks several documents of one file with repeated --name', async () => {
    const { code, out } = await apply(
      '-f',
      'all.yaml',
      '--name',
      'app-secret',
      '--name',
      'app-config',
    );
    expect(code).toBe(0);
    expect(out).toMatch(/^applied ConfigMap app-config \+ Secret app-secret to vol: 3 keys, /);
  });

  it('refuses a key in two sources, naming both, and writes nothing', async () => {
    await writeFile(
      join(root, 'other.yaml'),
      "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: other\ndata:\n  rate: '9'\n",
    );
    expect(await apply('-f', 'cm.yaml', '-f', 'other.yaml')).toEqual({
      code: 1,
      out: '',
      err:
        'dflag apply: Refused manifest cm.yaml, other.yaml:\n' +
        '  - key "rate" is in both ConfigMap app-config (cm.yaml) and ConfigMap other (other.yaml);' +
        ' a projected volume holds one file per key (kubelet would let the later source overwrite' +
        ' the earlier one): keep the key in one source\n',
    });
    expect(existsSync(join(root, 'vol'))).toBe(false);
  });

  it('without --name, refuses a file holding several ConfigMaps or Secrets, listing them', async () => {
    expect(await apply('-f', 'all.yaml')).toEqual({
      code: 1,
      out: '',
      err:
        'dflag apply: Refused manifest all.yaml:\n' +
        '  - holds 2 documents of kind ConfigMap or Secret; choose with --name:' +
        ' app-config (ConfigMap), app-secret (Secret)\n',
    });
  });

  it('refuses a --name that no input holds, listing what each holds', async () => {
    const { code, err } = await apply(
      '-f',
      'cm.yaml',
      '-f',
      'all.yaml',
      '--name',
      'app-config',
      '--name',
      'nope',
    );
    expect(code).toBe(1);
    expect(err).toBe(
      'dflag apply: Refused manifest all.yaml:\n' +
        '  - a document named "app-config" is in both cm.yaml and all.yaml; --name must pick one\n',
    );
    const unknown = await apply('-f', 'all.yaml', '--name', 'app-config', '--name', 'nope');
    expect(unknown.err).toBe(
      'dflag apply: Refused manifest all.yaml:\n' +
        '  - no input holds a document named "nope"; found: app (Deployment) in all.yaml,' +
        ' app-config (ConfigMap) in all.yaml, app-secret (Secret) in all.yaml\n',
    );
    const missing = await apply(
      '-f',
      'cm.yaml',
      '-f',
      'secret.yaml',
      '--name',
      'app-config',
      '--name',
      'nope',
    );
    expect(missing.err).toBe(
      'dflag apply: Refused manifest secret.yaml:\n' +
        '  - holds none of the documents named "app-config", "nope"; found: app-secret (Secret)\n',
    );
  });
});
