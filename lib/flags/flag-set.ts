import type { InspectOptions } from 'node:util';
import { FlagDeclarationError } from '../errors/flag-declaration.error.js';
import { messages } from '../errors/messages.constant.js';
import { DflagError, DflagErrorCode } from '../errors/dflag.error.js';
import { errorMessage } from '../errors/error-message.util.js';
import { FlagErrors } from '../errors/flag-errors.error.js';
import { UnknownFlagError } from '../errors/unknown-flag.error.js';
import { checksumOf, checksumSteps, sortedByName } from './checksum.util.js';
import type { FlagChecksums } from '../configmap/reload-report.interface.js';
import type { CommandLineResult } from './command-line.js';
import { parseCommandLine } from './command-line.js';
import type { EnvironmentOptions } from './environment.js';
import { loadEnvironment } from './environment.js';
import type { FlagBatchListener } from './flag-batch.interface.js';
import type { FlagChange } from './flag-change.interface.js';
import { FlagChangeRecord } from './flag-change-record.js';
import type { FlagSource } from './flag-source.js';
import type { FlagSpec } from './flag-spec.js';
import type { BatchPolicy, BatchResult, FlagUpdate } from './flag-update.interface.js';
import type { ResolvedValue } from './flag.js';
import { Flag } from './flag.js';
import { usageTable } from './usage.util.js';
import type { FlagSetView } from './flag-view.interface.js';
import type { InspectFunction } from './inspect-view.util.js';
import { INSPECT, inspectView } from './inspect-view.util.js';

/** FLAG_NAME is the ConfigMap key rule; names starting with `.` are refused (a mounted volume skips them). */
const FLAG_NAME = /^[-_a-zA-Z0-9][-._a-zA-Z0-9]{0,252}$/;

/** FlagSetOptions configures a flag set. */
export interface FlagSetOptions {
  /**
   * Called when a change subscriber throws; the batch and the other
   * subscribers carry on.
   * @default emits a process warning
   */
  onListenerError?: (error: unknown, flag: string) => void;
}

/** BatchOptions chooses how a batch treats refused values. */
export interface BatchOptions {
  /** @default 'per-flag' */
  policy?: BatchPolicy;
  /**
   * Validate only: parse and validate every update and report the errors,
   * changing nothing (what `dflag validate` and start-up checks need).
   * @default false
   */
  dryRun?: boolean;
  /**
   * Handed to the set's batch listeners with the batch's changes, to tell who
   * made it: the ConfigMap engine tags each version it applies with itself,
   * so that the Nest module announces that version's changes with its report.
   * @default undefined
   */
  tag?: unknown;
}

interface Staged {
  flag: Flag<unknown>;
  layers: Map<FlagSource, unknown>;
}

const defaultListenerError = (error: unknown, flag: string): void => {
  process.emitWarning(messages.listenerThrew(flag, errorMessage(error)), 'DflagWarning');
};

/** The checksums handed out for one state: each written once, when first read or settled. */
interface WrittenChecksums {
  dynamic: string | undefined;
  static: string | undefined;
}

/**
 * FlagSet holds declared flags by name (Go's `flag.FlagSet`). Use the
 * default set (`defaultFlagSet`) for an application, and explicit sets for
 * tests, libraries and several modules. Every change goes through
 * {@link FlagSet.apply}: validate everything, swap every changed flag at
 * once, then notify.
 */
export class FlagSet implements Iterable<Flag<unknown>> {
  private readonly flags = new Map<string, Flag<unknown>>();
  private readonly onListenerError: (error: unknown, flag: string) => void;
  private readonly batchListeners = new Set<FlagBatchListener>();
  /**
   * The checksums of the current values, until a swap of a flag of that kind or a declaration:
   * status, reports, events and health all ask for them around each swap (a swap of dynamic
   * flags leaves the static checksum as it was).
   */
  private readonly checksums = new Map<'dynamic' | 'static', string>();
  /** What {@link checksumsNow} handed out for the values serving now, until the next swap. */
  private current: FlagChecksums | undefined;
  /** What {@link checksumsNow} handed out wrote so far (the rest is written when settled). */
  private written: WrittenChecksums | undefined;
  /** The flags of each kind sorted by name, as checksums take them, until the next declaration. */
  private readonly sortedByKind = new Map<'dynamic' | 'static', readonly Flag<unknown>[]>();

  constructor(
    /** A name used in error messages. */
    readonly name = 'flags',
    options: FlagSetOptions = {},
  ) {
    this.onListenerError = options.onListenerError ?? defaultListenerError;
  }

  /**
   * declare binds a flag declaration to a name in this set and returns its
   * handle. Throws {@link FlagDeclarationError} on a bad or duplicate name, an
   * invalid default or an asynchronous schema.
   */
  declare<T>(name: string, spec: FlagSpec<T>): Flag<T> {
    if (!FLAG_NAME.test(name) || name.startsWith('.')) {
      throw new FlagDeclarationError(name, messages.invalidName(name));
    }
    if (this.flags.has(name))
      throw new FlagDeclarationError(name, messages.duplicateFlag(name, this.name));
    const flag = new Flag<T>(name, spec, this);
    this.settleChecksums();
    this.flags.set(name, flag as Flag<unknown>);
    this.checksums.clear();
    this.sortedByKind.clear();
    return flag;
  }

  /** has tells whether a flag of that name is declared. */
  has(name: string): boolean {
    return this.flags.has(name);
  }

  /** find returns the flag of that name, or undefined. */
  find(name: string): Flag<unknown> | undefined {
    return this.flags.get(name);
  }

  /** get returns the flag of that name, or throws naming the set. */
  get(name: string): Flag<unknown> {
    const flag = this.flags.get(name);
    if (!flag)
      throw new DflagError(DflagErrorCode.UnknownFlag, messages.flagNotFound(name, this.name));
    return flag;
  }

  /** Iterates the flags in declaration order. */
  [Symbol.iterator](): Iterator<Flag<unknown>> {
    return this.flags.values();
  }
  /** toJSON is what `JSON.stringify` of the set gives: its name and each flag's {@link Flag.toJSON} view. */
  toJSON(): FlagSetView {
    return { name: this.name, flags: [...this.flags.values()].map((flag) => flag.toJSON()) };
  }

  /**
   * What `util.inspect` shows of the set: its name and its flags' views, never its internals.
   * @internal
   */
  [INSPECT](depth?: number, options?: InspectOptions, inspect?: InspectFunction): string {
    return inspectView('FlagSet', this.toJSON(), depth, options, inspect);
  }

  /** size is the number of declared flags. */
  get size(): number {
    return this.flags.size;
  }

  /**
   * apply runs one batch as a transaction: parse and validate every update,
   * then (unless `all-or-nothing` refuses it) swap every changed flag in one
   * synchronous step — a reader never sees half a batch — then notify each
   * flag's subscribers of its real change. The result lists every change and
   * every error.
   */
  apply(updates: Iterable<FlagUpdate>, options: BatchOptions = {}): BatchResult {
    const policy = options.policy ?? 'per-flag';
    const errors: Error[] = [];
    const staged = new Map<string, Staged>();
    for (const update of updates) {
      const flag = this.flags.get(update.name);
      if (!flag) {
        errors.push(new UnknownFlagError(update.name, update.origin ?? update.source));
        continue;
      }
      let value: unknown;
      try {
        if (update.parsed !== undefined) {
          if ('error' in update.parsed) throw update.parsed.error;
          value = update.parsed.value;
        } else if ('value' in update && update.value !== undefined) {
          value = flag.validate(update.value, update.source, update.origin);
        } else if (update.raw !== undefined) {
          value = flag.parse(update.raw, update.source, update.origin);
        }
      } catch (error) {
        errors.push(error as Error);
        continue;
      }
      let entry = staged.get(flag.name);
      if (!entry) staged.set(flag.name, (entry = { flag, layers: new Map() }));
      entry.layers.set(update.source, value);
    }
    if (options.dryRun || (policy === 'all-or-nothing' && errors.length > 0)) {
      return { changes: [], errors, rejected: errors.length > 0 };
    }
    const at = new Date();
    const changes: FlagChange[] = [];
    const resolved: Array<[Staged, ResolvedValue<unknown>]> = [];
    for (const entry of staged.values())
      resolved.push([entry, entry.flag.resolveWith(entry.layers)]);
    // Checksums handed out for the values serving until now are written before they change.
    if (resolved.length > 0) this.settleChecksums();
    // Swap: every flag of the batch, with no await or callback in between.
    for (const [{ flag, layers }, next] of resolved) {
      const previous = flag.get();
      const previousSource = flag.source;
      const changed = flag.commit(layers, next, at);
      this.checksums.delete(flag.dynamic ? 'dynamic' : 'static');
      if (changed) {
        changes.push(
          FlagChangeRecord.of(
            flag.name,
            previous,
            next.value,
            next.source,
            previousSource,
            at,
            flag.sensitive,
          ),
        );
      }
    }
    // Notify, once every flag already holds its new value: the set's batch
    // listeners first, so that they hear batches in the order they were
    // swapped in even when a flag's subscriber applies another batch.
    if (changes.length > 0) this.notifyBatch(changes, options.tag);
    for (const change of changes) this.flags.get(change.name)!.notify(change, this.onListenerError);
    return { changes, errors, rejected: false };
  }

  /**
   * @internal onBatch subscribes to every batch that really changed a value,
   * whatever applied it (a ConfigMap version, `override()`, the environment,
   * the command line, a direct `apply()`); it is how the Nest module puts
   * every change on its event bus. The listener is called synchronously,
   * after the swap and before the flags' own subscribers. Returns the
   * unsubscribe function.
   */
  onBatch(listener: FlagBatchListener): () => void {
    this.batchListeners.add(listener);
    return () => this.batchListeners.delete(listener);
  }

  private notifyBatch(changes: readonly FlagChange[], tag: unknown): void {
    const batch = Object.freeze({ changes: Object.freeze([...changes]), tag });
    for (const listener of [...this.batchListeners]) {
      try {
        listener(batch);
      } catch (error) {
        // The values are already swapped: nothing may undo or hide the change.
        process.emitWarning(
          messages.batchListenerThrew(this.name, errorMessage(error)),
          'DflagWarning',
        );
      }
    }
  }

  /**
   * applyOrThrow applies an all-or-nothing batch and throws one
   * {@link FlagErrors} listing every problem when anything is refused.
   */
  applyOrThrow(updates: Iterable<FlagUpdate>): readonly FlagChange[] {
    const result = this.apply(updates, { policy: 'all-or-nothing' });
    if (result.rejected)
      throw new FlagErrors(DflagErrorCode.Batch, messages.batchHeading, result.errors);
    return result.changes;
  }

  /**
   * override sets typed values on the `override` layer (above every other
   * source), for tests. Returns a function that removes them again.
   */
  override(values: Readonly<Record<string, unknown>>): () => void {
    const names = Object.keys(values);
    this.applyOrThrow(names.map((name) => ({ name, source: 'override', value: values[name] })));
    return () => {
      this.apply(names.map((name) => ({ name, source: 'override' })));
    };
  }

  /**
   * checksum hashes the current values of the dynamic or the static flags (see
   * `checksumOf`); sensitive flags count by name and serving layer only, never by value.
   */
  checksum(which: 'dynamic' | 'static'): string {
    let sum = this.checksums.get(which);
    if (sum === undefined) {
      sum = checksumOf(this.sorted(which));
      this.checksums.set(which, sum);
    }
    return sum;
  }

  /** sorted: the flags of a kind sorted by name, as checksums take them. */
  private sorted(which: 'dynamic' | 'static'): readonly Flag<unknown>[] {
    let sorted = this.sortedByKind.get(which);
    if (sorted === undefined) {
      sorted = sortedByName(
        [...this.flags.values()].filter((f) => f.dynamic === (which === 'dynamic')),
      );
      this.sortedByKind.set(which, sorted);
    }
    return sorted;
  }

  /**
   * @internal checksumsNow returns the checksums of the values serving now, each written when
   * first read: a checksum is a hash over every flag of its kind, which a swap's events and
   * report carry and few read before the swap's events went out. What was not read is written
   * before the next swap or declaration (so that it never describes a later state), or when
   * {@link settleChecksums} is called (the engine does once a version's events went out, in
   * slices: {@link settleChecksumsSteps}).
   */
  checksumsNow(): FlagChecksums {
    if (this.current) return this.current;
    const written: WrittenChecksums = {
      dynamic: this.checksums.get('dynamic'),
      static: this.checksums.get('static'),
    };
    const write = (which: 'dynamic' | 'static'): string =>
      (written[which] ??= this.checksum(which));
    this.written = written;
    this.current = {
      get dynamic(): string {
        return write('dynamic');
      },
      get static(): string {
        return write('static');
      },
    };
    return this.current;
  }

  /** @internal settleChecksums writes the checksums {@link checksumsNow} handed out and nobody read yet. */
  settleChecksums(): void {
    const written = this.written;
    this.written = this.current = undefined;
    if (!written) return;
    written.dynamic ??= this.checksum('dynamic');
    written.static ??= this.checksum('static');
  }

  /**
   * @internal settleChecksumsSteps is {@link settleChecksums} pausing when `pause()` says the
   * turn's share is spent. A swap or declaration meanwhile settles them at once, before it
   * changes anything; then what these steps hashed is dropped.
   */
  *settleChecksumsSteps(pause: () => boolean): Generator<void, void, void> {
    const written = this.written;
    if (!written) return;
    for (const which of ['dynamic', 'static'] as const) {
      if (written[which] !== undefined) continue;
      const sum = yield* checksumSteps(this.sorted(which), pause);
      if (this.written !== written) return; // settled meanwhile, before a change
      written[which] ??= sum;
      if (!this.checksums.has(which)) this.checksums.set(which, sum);
    }
    this.written = this.current = undefined;
  }

  /** usage returns the `--help` table of every flag. */
  usage(heading?: string): string {
    return usageTable(this.flags.values(), heading);
  }

  /** parseCommandLine applies `--name=value` arguments; see {@link parseCommandLine}. */
  parseCommandLine(argv: readonly string[] = process.argv.slice(2)): CommandLineResult {
    return parseCommandLine(this, argv);
  }

  /** loadEnvironment applies prefixed environment variables; see {@link loadEnvironment}. */
  loadEnvironment(options: EnvironmentOptions): void {
    loadEnvironment(this, options);
  }
}
