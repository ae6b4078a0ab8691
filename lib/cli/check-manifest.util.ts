import type { ConfigMapManifest } from '../configmap/manifest/configmap-manifest.interface.js';
import { manifestToPayload } from '../configmap/manifest/manifest-payload.util.js';
import { WITHHELD_REASON } from '../flags/redact.util.js';
import { cliMessages } from './cli-messages.constant.js';
import type { FlagSetLike } from './flag-set-like.interface.js';
import type { ValidationProblem, ValidationReport } from './validation-report.interface.js';

/** CheckManifestOptions tunes {@link checkManifest}. */
export interface CheckManifestOptions {
  /**
   * CheckManifestOptions.strict makes a key that no flag declares an error, not a warning.
   * @default false
   */
  strict?: boolean;
}

/**
 * checkManifest checks every key of a ConfigMap (or Secret) against the flag sets: each value, as the bytes
 * the mounted file would hold, must parse and pass validation in every set that declares the key
 * (a dry run: nothing changes); keys no set declares are warnings (errors when `strict`); keys of
 * static flags are noted, since they take effect on restart only. Values of sensitive flags are
 * never shown, nor a reason that quotes them; every key of a Secret counts as sensitive, whatever
 * its flag declares.
 *
 * @param keyCount the keys the manifest names, when some could not be read (a refused manifest's
 *   partial): the report says how many of them were checked
 */
export function checkManifest(
  manifest: ConfigMapManifest,
  sets: readonly FlagSetLike[],
  options: CheckManifestOptions = {},
  keyCount?: number,
): ValidationReport {
  const errors: ValidationProblem[] = [];
  const warnings: ValidationProblem[] = [];
  const notes: ValidationProblem[] = [];
  const payload = manifestToPayload(manifest);
  const keys = Object.keys(payload);
  for (const key of keys) {
    const content = payload[key];
    // What kubelet writes: data as UTF-8, binaryData as its bytes (flags read files as bytes).
    const raw =
      typeof content === 'string' ? new Uint8Array(Buffer.from(content, 'utf8')) : content;
    const declaring = sets.flatMap((set) => {
      const flag = set.find(key);
      return flag === undefined ? [] : [{ set, flag }];
    });
    if (declaring.length === 0) {
      const message = key.startsWith('.')
        ? cliMessages.hiddenKey
        : options.strict === true
          ? cliMessages.strictUnknownKey
          : cliMessages.unknownKey;
      (options.strict === true ? errors : warnings).push({ key, message });
      continue;
    }
    if (!(raw instanceof Uint8Array)) continue; // manifestToPayload gives text or bytes only
    const messages = new Set<string>();
    // One set declaring the key sensitive makes it a secret for all: a set that declares it
    // plainly may give a reason quoting it (a sensitive flag's own reasons are the library's).
    // A Secret's keys are secrets whatever the flags say: a plain flag's reason may quote it.
    const secret = manifest.kind === 'Secret' || declaring.some(({ flag }) => flag.sensitive);
    for (const { set, flag } of declaring) {
      const result = set.apply([{ name: key, source: 'configmap', raw, origin: key }], {
        dryRun: true,
      });
      for (const error of result.errors) {
        const message = describeRefusal(error, secret && !flag.sensitive);
        messages.add(declaring.length > 1 ? cliMessages.inFlagSet(message, set.name) : message);
      }
    }
    for (const message of messages) errors.push({ key, message });
    if (messages.size === 0 && declaring.some(({ flag }) => !flag.dynamic)) {
      notes.push({ key, message: cliMessages.staticFlag });
    }
  }
  const names = new Set<string>();
  for (const set of sets) for (const flag of set) names.add(flag.name);
  return {
    kind: manifest.kind,
    configMap: manifest.name,
    ok: errors.length === 0,
    errors,
    warnings,
    notes,
    checked: keys.length,
    keys: Math.max(keyCount ?? keys.length, keys.length),
    flags: names.size,
  };
}

/**
 * describeRefusal turns an error of a dry-run batch into `reason; expected …`. The flag set
 * already withheld the reason of its own sensitive flags; `secret` (the key is sensitive in
 * another set) withholds this set's reason and any other text of the error.
 */
function describeRefusal(error: unknown, secret: boolean): string {
  // Duck-typed: the flag set may come from another copy of the package (another FlagValueError).
  const { reason, expected, message } = (error ?? {}) as Record<string, unknown>;
  const expects = typeof expected === 'string' ? expected : cliMessages.aValidValue;
  if (secret) return cliMessages.refusedValue(WITHHELD_REASON, expects);
  if (typeof reason !== 'string' || typeof expected !== 'string') {
    return typeof message === 'string' ? message : String(error);
  }
  return cliMessages.refusedValue(reason, expected);
}
