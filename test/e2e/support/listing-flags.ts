import { FlagSet, defineFlags, flag } from '../../../lib/index.js';

/**
 * makeListingFlags declares what a listing must show into a fresh set: a
 * static port, dynamic values of several types (JSON, set, duration, a
 * free-text banner), and two sensitive flags — a string and a number.
 */
export function makeListingFlags(name = 'app') {
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
      banner: flag.string({ default: '', description: 'Banner shown to users', dynamic: true }),
      limits: flag.json({ default: { burst: 5 }, description: 'Limits per tier', dynamic: true }),
      tags: flag.set({ default: new Set(['b', 'a']), description: 'Tags', dynamic: true }),
      timeout: flag.duration({ default: 1000, description: 'Upstream timeout', dynamic: true }),
      api_key: flag.string({
        default: '',
        description: 'Upstream key',
        dynamic: true,
        sensitive: true,
        validate: (s) => (s.startsWith('bad') ? `"${s}" is not a key` : true),
      }),
      pin: flag.int({ default: 1234, description: 'Door pin', sensitive: true }),
    },
    flagSet,
  );
  return { flagSet, flags };
}

export type ListingFlags = ReturnType<typeof makeListingFlags>['flags'];
