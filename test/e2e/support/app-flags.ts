import { FlagSet, defineFlags, flag } from '../../../lib/index.js';

/**
 * makeAppFlags declares a typical group into a fresh set (one per test, so
 * that tests share no state): a static port, dynamic values of several
 * types, and a sensitive key.
 */
export function makeAppFlags(name = 'app') {
  const flagSet = new FlagSet(name);
  const flags = defineFlags(
    {
      port: flag.int({ default: 3000, description: 'HTTP port' }),
      rate_limit: flag.int({
        default: 100,
        description: 'Requests per second',
        dynamic: true,
        validate: (n) => (n >= 0 ? true : 'must not be negative'),
      }),
      mode: flag.string({ default: 'normal', description: 'Serving mode', dynamic: true }),
      api_key: flag.string({
        default: '',
        description: 'Upstream key',
        dynamic: true,
        sensitive: true,
      }),
    },
    flagSet,
  );
  return { flagSet, flags };
}

export type AppFlags = ReturnType<typeof makeAppFlags>['flags'];
