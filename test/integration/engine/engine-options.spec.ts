import { Logger } from '@nestjs/common';
import { ConfigMapEngine } from '../../../lib/configmap/configmap-engine.js';
import type { ConfigMapEngineOptions } from '../../../lib/configmap/configmap-options.interface.js';
import { DflagSetupError, ENGINE_DEFAULTS } from '../../../lib/index.js';
import { writeConfigMapVolume } from '../../../lib/testing/index.js';
import { declareFlags, Harness } from './engine-fixture.js';

const heading = 'Invalid options for new ConfigMapEngine():';
const milliseconds =
  'expected an integer number of milliseconds: 0 (off), or from 10 to 86400000 (one day)';

describe('ConfigMapEngine: options are checked at construction', () => {
  const h = new Harness();
  beforeEach(() => h.setup());
  afterEach(() => h.teardown());

  /** construct builds an engine on the harness directory with these options (as untyped input). */
  const construct = (options: Record<string, unknown>) => () =>
    new ConfigMapEngine({
      path: h.dir,
      flagSet: declareFlags().set,
      ...options,
    } as unknown as ConfigMapEngineOptions);

  it('resyncInterval: NaN (Number() of an unset variable) is refused, not a check every millisecond', async () => {
    await writeConfigMapVolume(h.dir, { rate: '1' });
    const make = construct({ resyncInterval: Number(process.env.DFLAG_SURELY_UNSET_VARIABLE) });
    expect(make).toThrow(DflagSetupError);
    expect(make).toThrow(
      `${heading}\n  - resyncInterval is NaN (what Number() gives for an unset or non-numeric environment variable): ${milliseconds}`,
    );
    expect(make).toThrow(expect.objectContaining({ code: 'DFLAG_SETUP' }));
  });

  it('a misspelt option name is refused, with the name it is close to', () => {
    expect(construct({ resyncIntreval: 1000 })).toThrow(
      `${heading}\n  - "resyncIntreval" is not an option of new ConfigMapEngine(): did you mean "resyncInterval"?`,
    );
    expect(construct({ onvalid: 'reject-version' })).toThrow('did you mean "onInvalid"?');
    expect(construct({ UsePolling: true })).toThrow('did you mean "usePolling"?');
  });

  it('a name close to none is refused with the list of options', () => {
    expect(construct({ watchdog: true })).toThrow(
      '"watchdog" is not an option of new ConfigMapEngine() (its options: path, flagSet, onInvalid, startOnInvalid, optional, resyncInterval, settleDelay, usePolling, logger)',
    );
  });

  it.each([
    ['resyncInterval', Infinity, `resyncInterval is Infinity: ${milliseconds}`],
    ['resyncInterval', -1, `resyncInterval is the number -1: ${milliseconds}`],
    ['resyncInterval', 1.5, `resyncInterval is the number 1.5: ${milliseconds}`],
    // Seconds given where milliseconds are expected.
    ['resyncInterval', 5, `resyncInterval is the number 5: ${milliseconds}`],
    // Above Node's timer limit, setInterval fires every millisecond.
    ['resyncInterval', 2 ** 31, `resyncInterval is the number 2147483648: ${milliseconds}`],
    ['resyncInterval', '5000', `resyncInterval is the string "5000": ${milliseconds}`],
    [
      'settleDelay',
      -5,
      'settleDelay is the number -5: expected an integer number of milliseconds from 0 to 60000 (one minute)',
    ],
    [
      'settleDelay',
      null,
      'settleDelay is null: expected an integer number of milliseconds from 0 to 60000 (one minute)',
    ],
    [
      'onInvalid',
      'keep-last',
      'onInvalid is the string "keep-last": expected "keep-last-good" or "reject-version"',
    ],
    [
      'startOnInvalid',
      'yes',
      'startOnInvalid is the string "yes": expected true, false or \'unready\'',
    ],
    ['optional', 1, 'optional is the number 1: expected true or false'],
    ['usePolling', 'false', 'usePolling is the string "false": expected true or false'],
    [
      'logger',
      { log: () => undefined },
      "logger is an object without warn() and error(): expected an object with log(), warn() and error() methods (Nest's Logger fits)",
    ],
    [
      'logger',
      console.log,
      "logger is the function log: expected an object with log(), warn() and error() methods (Nest's Logger fits)",
    ],
    [
      'path',
      '',
      'path is the string "": expected a non-empty string: the directory the ConfigMap volume is mounted at',
    ],
    [
      'path',
      undefined,
      'path is missing: expected a non-empty string: the directory the ConfigMap volume is mounted at',
    ],
    ['flagSet', {}, 'flagSet is an object: expected a FlagSet'],
  ])(
    '%s: %o is refused, naming the option, the kind of value and what is accepted',
    (name, value, line) => {
      const make = construct({ [name]: value });
      expect(make).toThrow(DflagSetupError);
      expect(make).toThrow(`${heading}\n  - ${line}`);
    },
  );

  it('every problem is reported at once, one per line', () => {
    expect(
      construct({ resyncInterval: NaN, settleDelay: -1, onInvalid: 'x', optinal: true }),
    ).toThrow(
      [
        heading,
        '  - onInvalid is the string "x": expected "keep-last-good" or "reject-version"',
        `  - resyncInterval is NaN (what Number() gives for an unset or non-numeric environment variable): ${milliseconds}`,
        '  - settleDelay is the number -1: expected an integer number of milliseconds from 0 to 60000 (one minute)',
        '  - "optinal" is not an option of new ConfigMapEngine(): did you mean "optional"?',
      ].join('\n'),
    );
  });

  it('a long string value is shortened and escaped in the message', () => {
    expect(construct({ onInvalid: `a\nb${'x'.repeat(200)}` })).toThrow(
      /onInvalid is the string "a\\nbx{30,}…"/,
    );
  });

  it('bidi and zero-width characters in a value or a name are escaped, so they cannot disguise a log line', () => {
    expect(construct({ onInvalid: 'keep\u202e-last' })).toThrow(
      'onInvalid is the string "keep\\u202e-last"',
    );
    expect(construct({ ['resync\u200bInterval']: 1 })).toThrow(
      '"resync\\u200bInterval" is not an option of new ConfigMapEngine(): did you mean "resyncInterval"?',
    );
  });

  it('valid options construct an engine whose status shows them', async () => {
    await writeConfigMapVolume(h.dir, { rate: '1' });
    const { set } = declareFlags();
    const engine = new ConfigMapEngine({
      path: h.dir,
      flagSet: set,
      onInvalid: 'reject-version',
      startOnInvalid: true,
      optional: true,
      resyncInterval: 0,
      settleDelay: 0,
      usePolling: true,
      logger: new Logger('test'),
    });
    expect(engine.status().options).toEqual({
      onInvalid: 'reject-version',
      startOnInvalid: true,
      optional: true,
      resyncInterval: 0,
      settleDelay: 0,
      usePolling: true,
    });
    expect(new ConfigMapEngine({ path: h.dir, flagSet: set }).status().options).toEqual(
      ENGINE_DEFAULTS,
    );
    // undefined is the default, as for an omitted option.
    expect(
      new ConfigMapEngine({ path: h.dir, flagSet: set, resyncInterval: undefined }).status()
        .options,
    ).toEqual(ENGINE_DEFAULTS);
  });
});
