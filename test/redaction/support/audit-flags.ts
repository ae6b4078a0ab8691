// The flags of the redaction audit: three sensitive flags (a string whose validator throws quoting
// the value, an int, a static string) beside a plain one. Also a `--flags` module for dflag validate.
import { z } from 'zod';
import { defineFlags, flag, FlagSet } from '../../../lib/index.js';

export const flagSet = new FlagSet('redaction-audit');

export const flags = defineFlags(
  {
    api_token: flag.string({
      default: 'default_tok',
      description: 'Upstream API key',
      dynamic: true,
      sensitive: true,
      validate: z.string().refine((v) => {
        if (v.startsWith('sk_live_')) throw new Error(`${v} is a live key`);
        return true;
      }),
    }),
    pin: flag.int({ default: 1000, description: 'Door PIN', dynamic: true, sensitive: true }),
    db_password: flag.string({
      default: 'default_pw',
      description: 'Database password (static)',
      sensitive: true,
    }),
    rate: flag.int({ default: 1, description: 'Requests per second', dynamic: true }),
  },
  flagSet,
);
