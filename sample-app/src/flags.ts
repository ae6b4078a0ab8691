import { defineFlags, flag } from 'nestjs-dflag';

/** The sample's flags, declared in the default flag set (Go's `flag.CommandLine`). */
export const flags = defineFlags({
  port: flag.int({
    default: 3000,
    description: 'HTTP port',
    validate: (p) => (p > 0 && p < 65536) || 'must be a TCP port (1-65535)',
  }),
  greeting: flag.string({
    default: 'hello',
    description: 'Greeting returned by GET /',
    dynamic: true,
  }),
  rate_limit: flag.int({
    default: 100,
    description: 'Requests per second per client',
    dynamic: true,
  }),
  request_timeout: flag.duration({
    default: 2_000,
    description: 'Upstream timeout',
    dynamic: true,
  }),
  features: flag.set({
    default: new Set(['search']),
    description: 'Enabled features',
    dynamic: true,
  }),
  policy: flag.json({
    default: { policy: 'allow', rate: 50 },
    description: 'Access policy document',
    dynamic: true,
  }),
  api_key: flag.string({
    default: 'dev-key',
    description: 'Upstream API key',
    sensitive: true,
    dynamic: true,
  }),
});
