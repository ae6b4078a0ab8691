import Joi from 'joi';
import { defineFlags, flag } from 'nestjs-dflag';

/** Policy is the shape of the `policy` flag, checked by its joi schema. */
export interface Policy {
  policy: 'allow' | 'deny';
  rate: number;
}

/** The sample's flags, declared in the default flag set (Go's `flag.CommandLine`). */
export const flags = defineFlags({
  port: flag.int({
    default: 3000,
    description: 'HTTP port (0: any free port)',
    validate: (p) => (p >= 0 && p < 65536) || 'must be a TCP port (0-65535)',
  }),
  host: flag.string({ default: '127.0.0.1', description: 'Address to listen on' }),
  'config-dir': flag.string({
    default: '',
    description: 'ConfigMap directory (default: a fresh one holding sample-app/configmap.yaml)',
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
    validate: Joi.number().integer().min(1).max(10_000),
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
    validate: Joi.object<Policy>({
      policy: Joi.string().valid('allow', 'deny').required(),
      rate: Joi.number().min(0).max(100).required(),
    }),
  }),
  api_key: flag.string({
    default: 'dev-key',
    description: 'Upstream API key',
    sensitive: true,
    dynamic: true,
  }),
});

/** AppFlags is the type FlagService is given, so that `get('rate_limit')` is a number. */
export type AppFlags = typeof flags;
