import { runCli } from '../../../lib/cli/run-cli.js';
import { captureIo } from '../../utils/capture-io.js';

const VALIDATE_USAGE = [
  'Usage: dflag validate -f <manifest.yaml> --flags <module.js> [--name <name>] [--strict] [--json] [--verbose] [--go-compat]',
  '',
  'Checks every key of the ConfigMap or Secret against the flags the module declares: each',
  'value must parse and validate (nothing is applied), keys must be legal, the total at most',
  '1 MiB. Keys no flag declares are warnings, or errors with --strict. Every key of a Secret',
  'is treated as sensitive: no value or reason quoting it is printed. Exits 0 when clean, 1',
  'with one line per problem; a clean manifest prints only the summary line.',
  '',
  "The module must export its flag set(s), e.g. `export const flagSet = new FlagSet('app')`",
  "or `export { defaultFlagSet } from 'nestjs-dflag'`; it runs compiled (JavaScript).",
  '',
  'Options:',
  '  -f, --filename <file>  the manifest (YAML, one or more documents; at most 32 MiB,',
  '                         4 MiB per document); - reads it from standard input',
  '      --flags <module>   the JavaScript module that exports the flag set(s)',
  '      --name <name>      the ConfigMap or Secret to check when the input holds several',
  '      --strict           count keys that no flag declares as errors (and, with',
  '                         --go-compat, every value Go would read otherwise)',
  '      --json             print one JSON object instead of lines (notes included)',
  '      --verbose          also note each key of a static flag (it takes effect on restart)',
  "      --go-compat        warn on every value Go's dflag would read otherwise or refuse",
  '                         (010 is 8 in Go, yes is no boolean, …), with both readings',
  '  -h, --help             show this help',
  '',
].join('\n');

async function run(...argv: string[]) {
  const io = captureIo();
  const code = await runCli(argv, io);
  return { code, out: io.out, err: io.err };
}

describe('dflag validate usage', () => {
  it('is listed in dflag --help', async () => {
    const { code, out } = await run('--help');
    expect(code).toBe(0);
    expect(out).toContain(
      '  validate  check a ConfigMap or Secret against the flags an application declares\n',
    );
  });

  it.each([
    ['validate', '--help'],
    ['validate', '-h'],
    ['help', 'validate'],
    ['validate', '-f', 'x.yaml', '--help'],
  ])('prints the validate usage on stdout for %j', async (...argv) => {
    expect(await run(...argv)).toEqual({ code: 0, out: VALIDATE_USAGE, err: '' });
  });

  it.each([
    [['validate'], 'dflag validate: missing required option -f <manifest.yaml>'],
    [['validate', '--flags', 'f.js'], 'dflag validate: missing required option -f <manifest.yaml>'],
    [['validate', '-f', 'cm.yaml'], 'dflag validate: missing required option --flags <module.js>'],
    [['validate', '-f', 'cm.yaml', '--flags'], 'dflag validate: option --flags needs a value'],
    [['validate', '-f', '--flags', 'f.js'], 'dflag validate: option -f needs a value'],
    [
      ['validate', '-f', 'cm.yaml', '--flags', 'f.js', '--fix'],
      'dflag validate: unknown option --fix',
    ],
    [
      ['validate', '-f', 'cm.yaml', '--flags', 'f.js', '--strict=yes'],
      'dflag validate: option --strict takes no value',
    ],
    [
      ['validate', '-f', 'cm.yaml', '--flags', 'f.js', 'extra'],
      'dflag validate: unexpected argument "extra"',
    ],
  ])('exits 2 for %j, with the usage', async (argv, message) => {
    expect(await run(...argv)).toEqual({
      code: 2,
      out: '',
      err: `${message}\n\n${VALIDATE_USAGE}`,
    });
  });
});
