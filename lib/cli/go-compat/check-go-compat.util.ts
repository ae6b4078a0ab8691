import type { ConfigMapManifest } from '../../configmap/manifest/configmap-manifest.interface.js';
import { manifestToPayload } from '../../configmap/manifest/manifest-payload.util.js';
import { cliMessages } from '../cli-messages.constant.js';
import type { FlagSetLike } from '../flag-set-like.interface.js';
import type { ValidationProblem } from '../validation-report.interface.js';
import type { GoDifference } from './go-difference.interface.js';
import { findGoDifference } from './find-go-difference.util.js';

/** GoCompatOptions tunes {@link checkGoCompat}. */
export interface GoCompatOptions {
  /** GoCompatOptions.file names the manifest in every line (`cm.yaml`, `standard input`). */
  readonly file: string;
  /**
   * GoCompatOptions.strict makes every difference an error, not a warning.
   * @default false
   */
  readonly strict?: boolean;
}

/** GoCompatProblems are the lines `--go-compat` adds to a report. */
export interface GoCompatProblems {
  /** GoCompatProblems.errors: the differences, under `strict`. */
  readonly errors: readonly ValidationProblem[];
  /** GoCompatProblems.warnings: the differences, without `strict`. */
  readonly warnings: readonly ValidationProblem[];
  /** GoCompatProblems.notes: values that only Go's dflag before v1.9.0 reads otherwise. */
  readonly notes: readonly ValidationProblem[];
}

/** describe writes one difference: both readings, or for a secret only its kind. */
function describe(difference: GoDifference, where: string, kind: string, secret: boolean): string {
  const m = cliMessages.goCompat;
  const { reader, why } = difference;
  if (secret) return m.hidden(where, reader, kind, difference.kind);
  if (difference.older) return m.olderDflag(where, why ?? '');
  switch (difference.kind) {
    case 'reads-differently':
      return m.readsDifferently(where, reader, difference.ours ?? '', difference.go ?? '', why);
    case 'go-refuses':
      return m.goRefuses(where, reader, difference.ours ?? '', difference.reason ?? '', why);
    case 'go-accepts':
      return m.goAccepts(where, reader, difference.go ?? '', why);
  }
}

/**
 * checkGoCompat finds every value of a ConfigMap (or Secret) that the Go original would read
 * otherwise than nestjs-dflag — another value, a refusal, or a value nestjs-dflag refuses — for
 * each flag that declares the key, by the flag's type and whether it is dynamic (see
 * `findGoDifference`). Keys no flag declares have no type and are not compared. A sensitive flag's
 * key (and every key of a Secret) is named with the flag's type and the kind of difference only.
 */
export function checkGoCompat(
  manifest: ConfigMapManifest,
  sets: readonly FlagSetLike[],
  options: GoCompatOptions,
): GoCompatProblems {
  const errors: ValidationProblem[] = [];
  const warnings: ValidationProblem[] = [];
  const notes: ValidationProblem[] = [];
  const where = cliMessages.goCompat.where(manifest.kind, manifest.name, options.file);
  const payload = manifestToPayload(manifest);
  for (const [key, content] of Object.entries(payload)) {
    // What kubelet writes: data as UTF-8, binaryData as its bytes.
    const raw =
      typeof content === 'string' ? new Uint8Array(Buffer.from(content, 'utf8')) : content;
    if (!(raw instanceof Uint8Array)) continue; // manifestToPayload gives text or bytes only
    const declaring = sets.flatMap((set) => {
      const flag = set.find(key);
      return flag === undefined ? [] : [{ set, flag }];
    });
    const secret = manifest.kind === 'Secret' || declaring.some(({ flag }) => flag.sensitive);
    const lines = new Map<string, 'note' | 'difference'>();
    for (const { set, flag } of declaring) {
      if (flag.kind === undefined) continue;
      const difference = findGoDifference({
        kind: flag.kind,
        dynamic: flag.dynamic,
        raw,
        accepts: () =>
          set.apply([{ name: key, source: 'configmap', raw, origin: key }], { dryRun: true }).errors
            .length === 0,
      });
      if (difference === undefined) continue;
      // An older version's difference about a secret says nothing worth its line.
      if (difference.older && secret) continue;
      const message = describe(difference, where, flag.kind, secret);
      const line = declaring.length > 1 ? cliMessages.inFlagSet(message, set.name) : message;
      lines.set(line, difference.older ? 'note' : 'difference');
    }
    for (const [message, level] of lines) {
      if (level === 'note') notes.push({ key, message });
      else if (options.strict === true)
        errors.push({ key, message: cliMessages.goCompat.strict(message) });
      else warnings.push({ key, message });
    }
  }
  return { errors, warnings, notes };
}
