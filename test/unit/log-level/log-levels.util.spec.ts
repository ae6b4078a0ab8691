import {
  FlagSet,
  FlagValueError,
  defineFlags,
  logLevelFlag,
  logLevelsOf,
} from '../../../lib/index.js';

describe('loglevel values', () => {
  it('one level is that level and every more severe one', () => {
    expect(logLevelsOf('fatal')).toEqual(['fatal']);
    expect(logLevelsOf('warn')).toEqual(['fatal', 'error', 'warn']);
    expect(logLevelsOf('verbose')).toEqual(['fatal', 'error', 'warn', 'log', 'debug', 'verbose']);
  });

  it('a list is exactly the listed levels, whatever the case, spacing, order or repeats', () => {
    expect(logLevelsOf(' DEBUG, error ,debug,')).toEqual(['error', 'debug']);
  });

  it('the flag stores the canonical text and refuses an unknown level naming flag, source and the levels', () => {
    const set = new FlagSet('s');
    const { loglevel } = defineFlags({ loglevel: logLevelFlag() }, set);
    expect(loglevel.get()).toBe('');
    expect(loglevel.dynamic).toBe(true);
    expect(loglevel.parse(' Debug,ERROR\n', 'configmap')).toBe('error,debug');
    let error: unknown;
    try {
      loglevel.parse('info', 'configmap', '/etc/dflag/loglevel');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(FlagValueError);
    expect(String((error as Error).message)).toMatch(
      /Flag "loglevel" from configmap \(\/etc\/dflag\/loglevel\): refused "info": "info" is not a Nest log level \(fatal, error, warn, log, debug, verbose\)/,
    );
    expect(() => set.override({ loglevel: 'loud' })).toThrow(/not a Nest log level/);
    expect(() => defineFlags({ other: logLevelFlag({ default: 'nope' }) }, set)).toThrow(
      /invalid default/,
    );
  });
});
