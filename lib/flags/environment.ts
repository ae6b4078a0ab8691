import { DflagErrorCode } from '../errors/dflag.error.js';
import { FlagErrors } from '../errors/flag-errors.error.js';
import { messages } from '../errors/messages.constant.js';
import type { FlagSet } from './flag-set.js';
import type { FlagUpdate } from './flag-update.interface.js';

/** EnvironmentOptions chooses how flags map to environment variables. */
export interface EnvironmentOptions {
  /** Prepended to every variable name, e.g. `APP_` makes `rate-limit` read `APP_RATE_LIMIT`. */
  prefix: string;
  /**
   * The variables to read.
   * @default process.env
   */
  env?: Readonly<Record<string, string | undefined>>;
}

/** environmentName is the variable a flag reads: prefix + name upper-cased, with `.` and `-` as `_`. */
export function environmentName(prefix: string, name: string): string {
  return `${prefix}${name.toUpperCase().replace(/[.-]/g, '_')}`;
}

/**
 * loadEnvironment fills the `environment` layer (above defaults, below the
 * command line and the ConfigMap) from variables named after the flags.
 * It is opt-in and all-or-nothing: every invalid variable is reported at
 * once and none is applied. A variable that is unset removes the layer.
 */
export function loadEnvironment(set: FlagSet, options: EnvironmentOptions): void {
  const env = options.env ?? process.env;
  const owners = new Map<string, string>();
  const problems: Error[] = [];
  const updates: FlagUpdate[] = [];
  for (const flag of set) {
    const variable = environmentName(options.prefix, flag.name);
    const owner = owners.get(variable);
    if (owner !== undefined) {
      problems.push(new Error(messages.environmentCollision(variable, owner, flag.name)));
      continue;
    }
    owners.set(variable, flag.name);
    updates.push({ name: flag.name, source: 'environment', raw: env[variable], origin: variable });
  }
  if (problems.length === 0)
    problems.push(...set.apply(updates, { policy: 'all-or-nothing' }).errors);
  if (problems.length > 0) {
    throw new FlagErrors(DflagErrorCode.Environment, messages.environmentHeading, problems);
  }
}
