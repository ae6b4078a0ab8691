import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

// parseCommandLineOrExit() in a real process: Go's flag.Parse exit codes, what reaches each stream,
// and no stack trace for a user's typo.
const ROOT = resolve(import.meta.dirname, '../..');
const MAIN = join(ROOT, 'test/fixtures/main-command-line.mjs');
const BUILT = join(ROOT, 'dist/index.js');

function run(...argv: string[]) {
  const child = spawnSync(process.execPath, [MAIN, ...argv], { cwd: ROOT, encoding: 'utf8' });
  return { code: child.status, out: child.stdout, err: child.stderr };
}

const USAGE_ROWS = [
  /^ {2}FLAG\s+TYPE\s+DEFAULT\s+MODE\s+DESCRIPTION$/m,
  /^ {2}--port=VALUE\s+int\s+3000\s+static\s+HTTP port$/m,
  /^ {2}--\[no-\]verbose\s+bool\s+false\s+static\s+Verbose logs$/m,
  /^ {2}--api_key=VALUE\s+string\s+/m,
];

describe('parseCommandLineOrExit() in main.ts, in a child process', () => {
  beforeAll(() => {
    expect(existsSync(BUILT), `${BUILT} is missing: run "npm run build" first`).toBe(true);
  });

  it('applies good arguments and returns the positional ones', () => {
    const { code, out, err } = run('--port=8080', 'input.txt', '--verbose', '--', '--port=1');
    expect({ code, err }).toEqual({ code: 0, err: '' });
    expect(JSON.parse(out)).toEqual({ port: 8080, verbose: true, args: ['input.txt', '--port=1'] });
  });

  it('a wrong argument prints every problem and the usage to stderr and exits with 2, no stack', () => {
    const { code, out, err } = run('--port=fast', '--nope', '--api_key=hunter2');
    expect(code).toBe(2);
    expect(out).toBe('');
    const [problems, usage] = err.split('\n\n');
    expect(problems?.split('\n')).toEqual([
      'Invalid command line:',
      '  - Unknown flag "nope" in the command line',
      expect.stringMatching(
        /^ {2}- Flag "port" from command-line \(--port\): refused "fast": not an integer; /,
      ),
      expect.stringMatching(
        /^ {2}- Flag "api_key" from command-line \(--api_key\): refused "\[redacted\]": /,
      ),
    ]);
    expect(usage).toMatch(/^Flags:\n/);
    for (const row of USAGE_ROWS) expect(usage).toMatch(row);
    expect(err).not.toMatch(/^\s+at /m);
    expect(err).not.toContain('FlagErrors');
    expect(err).not.toContain('hunter2');
  });

  it('a value missing at the end is a usage error too', () => {
    const { code, err } = run('--port');
    expect(code).toBe(2);
    expect(err).toContain('Flag --port needs a value: --port=VALUE or --port VALUE');
  });

  it('--help prints the usage to stdout and exits with 0; -h too', () => {
    for (const help of ['--help', '-h']) {
      const { code, out, err } = run('--port=8080', help, 'input.txt');
      expect({ code, err }).toEqual({ code: 0, err: '' });
      expect(out).toMatch(/^Flags:\n/);
      for (const row of USAGE_ROWS) expect(out).toMatch(row);
    }
  });

  it('--help beside a wrong argument still reports the argument (usage on stderr, exit 2)', () => {
    const { code, out, err } = run('--help', '--port=fast');
    expect({ code, out }).toEqual({ code: 2, out: '' });
    expect(err).toMatch(/^Invalid command line:\n {2}- Flag "port" /);
    for (const row of USAGE_ROWS) expect(err).toMatch(row);
  });
});
