import type { FlagValueErrorDetails } from './flag-value.error.js';

const originOf = (source: string, origin?: string): string =>
  origin ? `${source} (${origin})` : source;

/** messages holds every user-facing string of the library; parameterised ones are functions. */
export const messages = {
  invalidName: (name: string) =>
    `Flag name "${name}" is invalid: use 1-253 characters of [-._a-zA-Z0-9], not starting with "." (ConfigMap key rule; names starting with "." are skipped in a mounted ConfigMap)`,
  duplicateFlag: (name: string, set: string) =>
    `Flag "${name}" is already declared in flag set "${set}"`,
  invalidDefault: (name: string, reason: string) =>
    `Flag "${name}" has an invalid default: ${reason}`,
  asyncValidator: (name: string, reason: string) => `Flag "${name}": ${reason}`,
  invalidValue: (d: FlagValueErrorDetails) =>
    `Flag "${d.flag}" from ${originOf(d.source, d.origin)}: refused "${d.shown}": ${d.reason}; expected ${d.expected}`,
  unknownFlag: (name: string, where: string) => `Unknown flag "${name}" in ${where}`,
  missingArgument: (arg: string) => `Flag ${arg} needs a value: ${arg}=VALUE or ${arg} VALUE`,
  notBoolForNo: (arg: string, name: string) =>
    `Flag ${arg} is not a bool flag: "--no-" is only for bool flags; use --${name}=VALUE`,
  commandLineHeading: 'Invalid command line:',
  environmentHeading: 'Invalid environment variables:',
  batchHeading: 'Invalid flag values (nothing was applied):',
  environmentCollision: (variable: string, a: string, b: string) =>
    `Environment variable ${variable} would set both flag "${a}" and flag "${b}"`,
  flagNotFound: (name: string, set: string) => `Flag "${name}" does not exist in flag set "${set}"`,
} as const;
