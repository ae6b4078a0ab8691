import { runCli } from '../../../lib/cli/run-cli.js';
import { captureIo } from '../../utils/capture-io.js';

const USAGE = [
  'Usage: dflag <command> [options]',
  '',
  'Commands:',
  '  apply     write ConfigMaps and Secrets into a directory as kubelet updates a volume',
  '  validate  check a ConfigMap or Secret against the flags an application declares',
  '  diff      preview what applying a ConfigMap or Secret would change on a pod, key by key',
  '',
  'Run "dflag <command> --help" for the options of a command.',
  '',
].join('\n');

const APPLY_USAGE = [
  'Usage: dflag apply -f <manifest.yaml> [-f <manifest.yaml> …] --dir <dir> [--name <name> …] [--fs-group]',
  '',
  'Writes the ConfigMap or Secret into <dir> exactly as kubelet updates a mounted volume:',
  'a new ..<timestamp> directory, an atomic swap of ..data, per-key symlinks. Several',
  'sources (-f cm.yaml -f secret.yaml, or several --name) are combined into one version, as',
  'a projected volume is; a key in two sources is refused. Nothing is written when a source',
  'is refused or nothing changed, and a write that fails is undone. A <dir> whose ..data',
  'does not name a version directory inside it is refused.',
  '',
  'Options:',
  '  -f, --filename <file>  the manifest (YAML, one or more documents; at most 32 MiB,',
  '                         4 MiB per document); - reads it from standard input',
  '                         (repeat -f for several sources)',
  '      --dir <dir>        the volume directory (created if missing)',
  '      --name <name>      a ConfigMap or Secret to apply, by metadata.name (repeatable);',
  '                         needed when an input holds several of them',
  '      --fs-group         touch every entry before the swap, as kubelet does for a pod',
  '                         with securityContext.fsGroup',
  '  -h, --help             show this help',
  '',
].join('\n');

async function run(...argv: string[]) {
  const io = captureIo();
  const code = await runCli(argv, io);
  return { code, out: io.out, err: io.err };
}

describe('dflag usage', () => {
  it.each([['--help'], ['-h'], ['help']])('prints the usage on stdout for %s', async (flag) => {
    expect(await run(flag)).toEqual({ code: 0, out: USAGE, err: '' });
  });

  it.each([
    ['apply', '--help'],
    ['apply', '-h'],
    ['help', 'apply'],
    ['apply', '-f', 'x.yaml', '--help'],
  ])('prints the apply usage on stdout for %j', async (...argv) => {
    expect(await run(...argv)).toEqual({ code: 0, out: APPLY_USAGE, err: '' });
  });

  it('exits 2 without a command', async () => {
    expect(await run()).toEqual({ code: 2, out: '', err: `dflag: missing command\n\n${USAGE}` });
  });

  it('exits 2 on an unknown command', async () => {
    expect(await run('deploy')).toEqual({
      code: 2,
      out: '',
      err: `dflag: unknown command "deploy"\n\n${USAGE}`,
    });
  });

  it.each([
    [['apply'], 'dflag apply: missing required option -f <manifest.yaml>'],
    [['apply', '--dir', 'vol'], 'dflag apply: missing required option -f <manifest.yaml>'],
    [['apply', '-f', 'cm.yaml'], 'dflag apply: missing required option --dir <dir>'],
    [['apply', '-f', 'cm.yaml', '--dir'], 'dflag apply: option --dir needs a value'],
    [['apply', '-f', '--dir', 'vol'], 'dflag apply: option -f needs a value'],
    [['apply', '-f', 'cm.yaml', '--dir', 'vol', '--force'], 'dflag apply: unknown option --force'],
    [['apply', '-x', '-f', 'cm.yaml', '--dir', 'vol'], 'dflag apply: unknown option -x'],
    [['apply', '--fs-group=yes', '-f', 'cm.yaml'], 'dflag apply: option --fs-group takes no value'],
    [
      ['apply', '-f', 'cm.yaml', '--dir', 'vol', 'extra'],
      'dflag apply: unexpected argument "extra"',
    ],
  ])('exits 2 for %j', async (argv, message) => {
    expect(await run(...argv)).toEqual({ code: 2, out: '', err: `${message}\n\n${APPLY_USAGE}` });
  });
});

describe('dflag --version', () => {
  it("prints the package's version", async () => {
    const { readFile } = await import('node:fs/promises');
    const { version } = JSON.parse(
      await readFile(new URL('../../../package.json', import.meta.url), 'utf8'),
    ) as { version: string };
    const io = captureIo();
    expect(await runCli(['--version'], io)).toBe(0);
    expect(io.out).toBe(`${version}\n`);
  });
});
