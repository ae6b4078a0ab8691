import { defineFlags, flag, FlagErrors, FlagSet } from '../../../lib/index.js';

const make = () => {
  const set = new FlagSet('cli');
  const flags = defineFlags(
    {
      port: flag.int({ default: 8080, description: 'HTTP port' }),
      verbose: flag.bool({ default: false, description: 'Log more' }),
      cache: flag.bool({ default: true, description: 'Use the cache', dynamic: true }),
      name: flag.string({ default: 'svc', description: 'Service name' }),
      tags: flag.list({ default: [], description: 'Tags', dynamic: true }),
      token: flag.string({ default: 'dev-token', description: 'API token', sensitive: true }),
      timeout: flag.duration({ default: 1500, description: 'Request timeout', dynamic: true }),
    },
    set,
  );
  return { set, flags };
};

describe('command line', () => {
  it('reads --name=value, --name value, --flag, --no-flag, and stops at --', () => {
    const { set, flags } = make();
    const result = set.parseCommandLine([
      'serve',
      '--port=9090',
      '--name',
      'api',
      '--verbose',
      '--no-cache',
      '--tags=a,b',
      'extra',
      '--',
      '--port=1',
    ]);
    expect(result).toEqual({ args: ['serve', 'extra', '--port=1'], help: false });
    expect(flags.port.get()).toBe(9090);
    expect(flags.name.get()).toBe('api');
    expect(flags.verbose.get()).toBe(true);
    expect(flags.cache.get()).toBe(false);
    expect(flags.tags.get()).toEqual(['a', 'b']);
    expect(flags.port.source).toBe('command-line');
  });

  it('takes --bool=false and a bool never consumes the next argument', () => {
    const { set, flags } = make();
    expect(set.parseCommandLine(['--cache=false', '--verbose', 'file']).args).toEqual(['file']);
    expect([flags.cache.get(), flags.verbose.get()]).toEqual([false, true]);
  });

  it('last occurrence wins', () => {
    const { set, flags } = make();
    set.parseCommandLine(['--port=1', '--port=2']);
    expect(flags.port.get()).toBe(2);
  });

  it('reports every problem at once and applies nothing', () => {
    const { set, flags } = make();
    let error: FlagErrors | undefined;
    try {
      set.parseCommandLine([
        '--port=http',
        '--nope=1',
        '--no-name',
        '--timeout',
        '5 minutes',
        '--verbose',
        '--name',
      ]);
    } catch (e) {
      error = e as FlagErrors;
    }
    expect(error).toBeInstanceOf(FlagErrors);
    expect(error!.code).toBe('DFLAG_COMMAND_LINE');
    expect(error!.message).toBe(
      [
        'Invalid command line:',
        '  - Unknown flag "nope" in the command line',
        '  - Flag --no-name is not a bool flag: "--no-" is only for bool flags; use --name=VALUE',
        '  - Flag --name needs a value: --name=VALUE or --name VALUE',
        '  - Flag "port" from command-line (--port): refused "http": not an integer; expected a safe integer such as 42, -7, 0x2a, 0o52 or 0b101010',
        '  - Flag "timeout" from command-line (--timeout): refused "5 minutes": not a duration; expected a duration such as 250ms, 1.5s, 1h30m, 2d or 1w (units ns, us, ms, s, m, h, d, w)',
      ].join('\n'),
    );
    expect(flags.verbose.get()).toBe(false);
    expect(flags.port.get()).toBe(8080);
  });

  it('applies nothing when any argument is wrong, even the valid ones', () => {
    const { set, flags } = make();
    expect(() => set.parseCommandLine(['--port=77', '--zzz'])).toThrow('Unknown flag "zzz"');
    expect(flags.port.get()).toBe(8080);
  });

  it("never shows a sensitive flag's value, not even in the argument it names", () => {
    const s = new FlagSet('s');
    s.declare(
      'api_key',
      flag.string({
        default: 'a-long-enough-default-api-key',
        description: '',
        sensitive: true,
        validate: (v) => v.length > 20 || `"${v}" is too short`,
      }),
    );
    let message = '';
    try {
      s.parseCommandLine(['--api_key=TOPSECRETVALUE']);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toBe(
      'Invalid command line:\n  - Flag "api_key" from command-line (--api_key): refused "[redacted]": rejected by the validator (the reasons are not shown for a sensitive flag); expected a value that passes the flag\'s validation',
    );
  });

  it('shows an argument whose name goes on with other characters cut there: the rest may be a value', () => {
    const s = new FlagSet('s');
    s.declare('api_key', flag.string({ default: '', description: '', sensitive: true }));
    s.declare('debug', flag.bool({ default: false, description: '' }));
    let message = '';
    try {
      s.parseCommandLine([
        '--api_key hunter2-TOPSECRET',
        '--api_key:hunter2-TOPSECRET',
        '-api_key hunter2-TOPSECRET',
        '--no-debug hunter2-TOPSECRET',
        '--apikey hunter2-TOPSECRET',
        '--:hunter2-TOPSECRET',
      ]);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).not.toContain('hunter2');
    const malformed = (arg: string): string =>
      `  - Flag ${arg} is followed by characters a flag name cannot hold (not shown: they may be its value); write ${arg}=VALUE, or ${arg} VALUE as two arguments`;
    const unknown = (name: string): string =>
      `  - Unknown flag "${name}…" in the command line: the argument goes on with characters a flag name cannot hold (not shown: they may be a value)`;
    expect(message).toBe(
      [
        'Invalid command line:',
        malformed('--api_key'),
        malformed('--api_key'),
        malformed('-api_key'),
        malformed('--no-debug'),
        unknown('apikey'),
        unknown(''),
      ].join('\n'),
    );
    expect(s.find('api_key')?.get()).toBe('');
  });

  it("accepts Go's single-dash form for declared flags; other dashed words stay positional", () => {
    const { set, flags } = make();
    const result = set.parseCommandLine([
      '-port=9',
      '-name',
      'x',
      '-no-cache',
      '-5',
      '-',
      '-unknown',
    ]);
    expect([flags.port.get(), flags.name.get(), flags.cache.get()]).toEqual([9, 'x', false]);
    expect(result.args).toEqual(['-5', '-', '-unknown']);
  });

  it('redacts refused values of sensitive flags', () => {
    const { set } = make();
    const s = new FlagSet('s');
    s.declare('secret', flag.int({ default: 1, description: '', sensitive: true }));
    expect(() => s.parseCommandLine(['--secret=hunter2'])).toThrow('refused "[redacted]"');
    expect(set).toBeDefined();
  });

  it('detects --help and -h', () => {
    const { set } = make();
    expect(set.parseCommandLine(['--help']).help).toBe(true);
    expect(set.parseCommandLine(['-h', 'x']).help).toBe(true);
  });

  it('renders the usage table with name, type, default, static/dynamic and description', () => {
    const { set } = make();
    expect(set.usage()).toBe(
      [
        'Flags:',
        '  FLAG             TYPE      DEFAULT     MODE     DESCRIPTION',
        '  --port=VALUE     int       8080        static   HTTP port',
        '  --[no-]verbose   bool      false       static   Log more',
        '  --[no-]cache     bool      true        dynamic  Use the cache',
        '  --name=VALUE     string    svc         static   Service name',
        '  --tags=VALUE     list      ""          dynamic  Tags',
        '  --token=VALUE    string    [redacted]  static   API token',
        '  --timeout=VALUE  duration  1s500ms     dynamic  Request timeout',
        '',
      ].join('\n'),
    );
  });
});

describe('environment (opt-in, prefixed)', () => {
  it('maps names to PREFIX_UPPER_SNAKE variables and sits below the command line', () => {
    const { set, flags } = make();
    set.loadEnvironment({ prefix: 'SVC_', env: { SVC_PORT: '7000', SVC_TAGS: 'x, y', PORT: '1' } });
    expect(flags.port.get()).toBe(7000);
    expect(flags.tags.get()).toEqual(['x', 'y']);
    set.parseCommandLine(['--port=7001']);
    expect(flags.port.get()).toBe(7001);
  });

  it('reports every invalid variable and applies none', () => {
    const { set, flags } = make();
    expect(() =>
      set.loadEnvironment({
        prefix: 'SVC_',
        env: { SVC_PORT: 'x', SVC_VERBOSE: 'maybe', SVC_NAME: 'ok' },
      }),
    ).toThrow(
      [
        'Invalid environment variables:',
        '  - Flag "port" from environment (SVC_PORT): refused "x": not an integer; expected a safe integer such as 42, -7, 0x2a, 0o52 or 0b101010',
        '  - Flag "verbose" from environment (SVC_VERBOSE): refused "maybe": not a boolean; expected a boolean: true/false, 1/0, t/f, yes/no or on/off',
      ].join('\n'),
    );
    expect(flags.name.get()).toBe('svc');
  });

  it('refuses two flags that map to one variable', () => {
    const set = new FlagSet('collide');
    set.declare('a.b', flag.int({ default: 1, description: '' }));
    set.declare('a_b', flag.int({ default: 1, description: '' }));
    expect(() => set.loadEnvironment({ prefix: 'X_', env: {} })).toThrow(
      'Environment variable X_A_B would set both flag "a.b" and flag "a_b"',
    );
  });
});
