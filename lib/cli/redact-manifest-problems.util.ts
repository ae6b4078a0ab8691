import { manifestMessages } from '../configmap/manifest/manifest-messages.constant.js';
import { REDACTED } from '../flags/redact.util.js';
import type { FlagSetLike } from './flag-set-like.interface.js';

const SCALAR_TYPES = ['boolean', 'number'] as const;

/**
 * redactManifestProblems hides the values of sensitive flags in the manifest reader's problems:
 * an unquoted `api_pin: 1234` is refused with its YAML text quoted back, which must not reach a
 * CI log when `api_pin` is a sensitive flag.
 */
export function redactManifestProblems(
  problems: readonly string[],
  sets: readonly FlagSetLike[],
): string[] {
  const sensitive = new Set<string>();
  for (const set of sets) for (const flag of set) if (flag.sensitive) sensitive.add(flag.name);
  return problems.map((problem) => {
    for (const key of sensitive) {
      for (const type of SCALAR_TYPES) {
        if (problem.startsWith(`data key ${JSON.stringify(key)} has a ${type} value (`)) {
          return manifestMessages.nonStringData(key, type, REDACTED);
        }
      }
    }
    return problem;
  });
}
