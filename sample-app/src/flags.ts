import Joi from 'joi';
import { defineFlags, flag, logLevelFlag } from 'nestjs-dflag';
import { INTERNAL_PORT, MOUNT_PATH, PUBLIC_PORT } from './sample.constants.js';

/** Policy is the shape of `example_my_dynamic_json`, checked by its joi schema. */
export interface Policy {
  policy: 'allow' | 'deny';
  rate: number;
}

const port = (p: number): true | string => (p >= 0 && p < 65536) || 'must be a TCP port (0-65535)';

/**
 * The sample's flags, declared in the default flag set (Go's `flag.CommandLine`). The dynamic ones
 * are those of Go dflag's `server_kube` example and its `example-config` ConfigMap
 * (`sample-app/k8s/example.yaml`); `port`, `internal-port` and `host` are static: set on the
 * command line (the Deployment's `args`), read once at start.
 */
export const flags = defineFlags({
  port: flag.int({
    default: PUBLIC_PORT,
    description: 'Public HTTP port: GET /, the probes, OpenFeature (0: any free port)',
    validate: port,
  }),
  'internal-port': flag.int({
    default: INTERNAL_PORT,
    description: 'Internal HTTP port: the listing page and /metrics (0: any free port)',
    validate: port,
  }),
  host: flag.string({
    default: '127.0.0.1',
    description: 'Address both ports listen on (0.0.0.0 in a pod)',
  }),
  'config-dir': flag.string({
    default: '',
    description: `A mounted ConfigMap directory to read (in a pod: ${MOUNT_PATH}); empty: lay out sample-app/k8s in --local-dir`,
  }),
  'local-dir': flag.string({
    default: '',
    description:
      'Where npm start lays out example.yaml + secret.yaml as kubelet would (empty: .tmp/sample-volume in the repository)',
  }),
  example_my_dynamic_string: flag.string({
    default: 'initial',
    description: 'The text GET / answers with',
    dynamic: true,
  }),
  example_my_dynamic_int: flag.int({
    default: 10,
    description: 'A number, also read through OpenFeature (GET /openfeature)',
    dynamic: true,
    validate: Joi.number().integer().min(0).max(1_000_000),
  }),
  example_my_dynamic_json: flag.json({
    default: { policy: 'allow', rate: 50 },
    description: 'Access policy of GET /: allow or deny (403), and requests per second (429 above)',
    dynamic: true,
    validate: Joi.object<Policy>({
      policy: Joi.string().valid('allow', 'deny').required(),
      rate: Joi.number().integer().min(0).max(10_000).required(),
    }),
  }),
  example_features: flag.set({
    default: new Set<string>(),
    description: 'Features GET / reports as enabled',
    dynamic: true,
  }),
  // Declared here (not only by `logLevel: true`) so that `dflag validate` knows the key.
  loglevel: logLevelFlag({ default: '' }),
  api_key: flag.string({
    default: '',
    description: 'Upstream API key, from the Secret projected into the same volume',
    sensitive: true,
    dynamic: true,
  }),
});

/** AppFlags is the type FlagService is given, so that `get('example_my_dynamic_int')` is a number. */
export type AppFlags = typeof flags;

// `dflag validate --flags sample-app/dist/flags.js` reads the set this module exports.
export { defaultFlagSet } from 'nestjs-dflag';
