import { FlagValueError } from '../errors/flag-value.error.js';
import { messages } from '../errors/messages.constant.js';
import type { Flag } from '../flags/flag.js';
import type { FlagSet } from '../flags/flag-set.js';
import type { FlagUpdate } from '../flags/flag-update.interface.js';
import type { FlagChange } from '../flags/flag-change.interface.js';
import type { InvalidValuePolicy } from './configmap-options.interface.js';
import type { PreparedValues } from './prepare-snapshot.js';
import { preparedFor } from './prepare-snapshot.js';
import type { ReloadResult } from './reload-report.interface.js';
import type { UnchangedKeys } from './unchanged-keys.js';
import type { VolumeSnapshot } from './volume-snapshot.interface.js';

/** ApplyOutcome is what applying one snapshot did. */
export interface ApplyOutcome {
  readonly result: ReloadResult;
  readonly changes: readonly FlagChange[];
  /** Refused values, as errors naming flag, file and reason. */
  readonly errors: readonly Error[];
  /** Unknown keys and skipped entries. */
  readonly warnings: readonly string[];
  /** Unknown key names, to report once per key and version. */
  readonly unknownKeys: readonly string[];
  /** Static flags whose ConfigMap value differs from their running value. */
  readonly pendingRestart: readonly string[];
  /** Declared flags whose value in this version was refused (they keep their value). */
  readonly refusedFlags: readonly string[];
}

/** ApplyMode: at start-up every flag takes its value; once running, only dynamic flags do. */
export interface ApplyMode {
  readonly running: boolean;
  readonly policy: InvalidValuePolicy;
  /** The batch's tag (see `BatchOptions.tag`): the engine passes itself. */
  readonly tag?: unknown;
  /** Values parsed ahead of the swap (see `prepareSnapshot`); anything else is parsed here. */
  readonly prepared?: PreparedValues;
  /** What the last version set (see {@link UnchangedKeys}): its unchanged keys are skipped; told what this one did. */
  readonly unchanged?: UnchangedKeys;
}

/**
 * applySnapshot turns one consistent read of the volume into one flag-set
 * batch on the `configmap` layer: a present key sets the layer, an absent one
 * removes it (the flag falls back to the command line, environment or
 * default). Everything is validated first; `reject-version` then applies
 * nothing if anything was refused, `keep-last-good` applies every valid key.
 * Once running, static flags are not changed: a difference is reported as
 * pending restart.
 */
export function applySnapshot(
  set: FlagSet,
  snapshot: VolumeSnapshot,
  mode: ApplyMode,
): ApplyOutcome {
  const warnings = [...snapshot.warnings];
  if (snapshot.problem !== undefined) {
    mode.unchanged?.processed(snapshot, [], false, []);
    const errors = [new Error(snapshot.problem)];
    return {
      result: 'rejected',
      changes: [],
      errors,
      warnings,
      unknownKeys: [],
      pendingRestart: [],
      refusedFlags: [...set].map((f) => f.name),
    };
  }
  // A key refused as read (unreadable, not a regular file, too large, a link
  // leaving the volume) keeps its value; an undeclared one is only skipped.
  const errors: Error[] = [];
  for (const [key, reason] of snapshot.refused) {
    if (set.has(key)) errors.push(new Error(messages.refusedKey(key, reason)));
    else warnings.push(messages.skippedKey(reason));
  }
  const unknownKeys = [...snapshot.entries.keys()].filter((key) => !set.has(key));
  const pendingRestart: string[] = [];
  const updates: FlagUpdate[] = [];
  const updated: Flag<unknown>[] = [];

  for (const flag of set) {
    if (snapshot.refused.has(flag.name)) continue; // keeps its value
    const entry = snapshot.entries.get(flag.name);
    if (mode.running && !flag.dynamic) {
      try {
        let would: unknown;
        if (entry) {
          const parsed = preparedFor(mode.prepared, flag, entry);
          if (parsed && 'error' in parsed) throw parsed.error;
          would = parsed ? parsed.value : flag.parse(entry.bytes, 'configmap', entry.file);
        } else would = flag.resolveWith(new Map([['configmap', undefined]])).value;
        if (waitsForRestart(flag, entry !== undefined, would)) {
          pendingRestart.push(flag.name);
          warnings.push(
            messages.pendingRestart(flag.name, entry?.file ?? `${flag.name} (removed)`),
          );
        }
      } catch (error) {
        errors.push(error as Error);
      }
      continue;
    }
    // Prepared: found changed already. Else, the same bytes as last time and the value parsed
    // from them still in the layer: nothing to do.
    const parsed = entry && preparedFor(mode.prepared, flag, entry);
    if (entry && !parsed && mode.unchanged?.unchanged(flag, entry)) continue;
    updated.push(flag);
    updates.push({
      name: flag.name,
      source: 'configmap',
      raw: entry?.bytes,
      origin: entry?.file,
      parsed,
    });
  }
  for (const key of unknownKeys) {
    warnings.push(messages.unknownKey(snapshot.entries.get(key)?.file ?? key));
  }

  // One pass: `per-flag` skips each refused value (it keeps its last good value);
  // `all-or-nothing` applies nothing if anything, here or earlier, was refused.
  const rejectWhole = mode.policy === 'reject-version';
  const applied = set.apply(updates, {
    policy: rejectWhole ? 'all-or-nothing' : 'per-flag',
    dryRun: rejectWhole && errors.length > 0,
    tag: mode.tag,
  });
  errors.push(...applied.errors);
  const refusedFlags = [
    ...[...snapshot.refused.keys()].filter((key) => set.has(key)),
    ...errors.flatMap((e) => (e instanceof FlagValueError ? [e.flag] : [])),
  ];
  mode.unchanged?.processed(snapshot, updated, !(rejectWhole && errors.length > 0), refusedFlags);
  if (rejectWhole && errors.length > 0) {
    return {
      result: 'rejected',
      changes: [],
      errors,
      warnings,
      unknownKeys,
      pendingRestart,
      refusedFlags,
    };
  }
  return {
    result: errors.length > 0 ? 'partial' : 'applied',
    changes: applied.changes,
    errors,
    warnings,
    unknownKeys,
    pendingRestart,
    refusedFlags,
  };
}

/**
 * waitsForRestart tells whether a running static flag's ConfigMap value (`would`: what it would
 * serve with the key as it is now, `present` or removed) differs from what it started with. A
 * plain flag is compared with the value serving. A sensitive one is compared with what its
 * `configmap` layer held at start (static flags keep it while running): compared with the value
 * serving, which may come from the environment or the command line (a Secret), a ConfigMap
 * writer who cannot read that Secret could confirm a guess of it (a right guess would wait for
 * nothing).
 */
function waitsForRestart(flag: Flag<unknown>, present: boolean, would: unknown): boolean {
  if (!flag.sensitive) return !flag.equals(would, flag.get());
  const started = flag.valueFrom('configmap');
  if (!present || started === undefined) return present !== (started !== undefined);
  return !flag.equals(would, started);
}
