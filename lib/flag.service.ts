import { Inject, Injectable } from '@nestjs/common';
import type { ConfigMapStatus } from './configmap/configmap-status.interface.js';
import type { ReloadReport } from './configmap/reload-report.interface.js';
import { DFLAG_ENGINE } from './dflag.constants.js';
import type { DflagEngine } from './dflag-engine.interface.js';
import type { FlagHandles, FlagName } from './flag-handles.type.js';
import type { FlagInfo } from './flag-info.interface.js';
import type { FlagValue } from './flags/define-flags.js';
import type { Flag } from './flags/flag.js';
import type { FlagSet } from './flags/flag-set.js';
import { bindServiceEngine } from './service-engine.registry.js';

/**
 * FoundHandles holds handles by name in a fast-properties object whose prototype has no
 * properties at all: a flag may be called `constructor` or `__proto__`. (An `Object.create(null)`
 * object is a hash table to V8: as slow as the `Map` it replaces.)
 */
interface FoundHandles {
  [name: string]: Flag<unknown> | undefined;
}
const FoundHandles = function FoundHandles() {} as unknown as new () => FoundHandles;
FoundHandles.prototype = Object.create(null) as FoundHandles;

/**
 * FlagService reads the flags of the set a DflagModule binds, and reports
 * and drives its ConfigMap. Give it the type of your handles to make `get`
 * typed: `constructor(private readonly flags: FlagService<typeof appFlags>)`
 * makes `flags.get('rate_limit')` a `number`.
 *
 * Read a value with `get()` each time you need it: it is a field read of an
 * already parsed value, and a copy kept in a constructor would not follow
 * the ConfigMap.
 */
@Injectable()
export class FlagService<F extends FlagHandles = FlagHandles> {
  /**
   * The handles `get()` found, by name: a property read instead of the set's `Map` lookup on
   * every call (flags are never undeclared, and the bound set never changes).
   */
  private readonly found = new FoundHandles();

  constructor(@Inject(DFLAG_ENGINE) private readonly engine: DflagEngine) {
    bindServiceEngine(this, engine);
  }

  /** The bound flag set. */
  get flagSet(): FlagSet {
    return this.engine.flagSet;
  }

  /** The ConfigMap directory the set is bound to. */
  get path(): string {
    return this.engine.path;
  }

  /**
   * get returns a flag's current value, typed by the service's type
   * parameter; `undefined` when no flag of that name is declared.
   */
  get<K extends FlagName<F>>(name: K): FlagValue<F[K]> {
    return (this.found[name] ?? this.remember(name))?.get() as FlagValue<F[K]>;
  }

  private remember(name: string): Flag<unknown> | undefined {
    const flag = this.engine.flagSet.find(name);
    if (flag) this.found[name] = flag;
    return flag;
  }

  /**
   * getOrThrow returns a flag's current value, or throws an error naming the
   * flag and the set when no flag of that name is declared.
   */
  getOrThrow<K extends FlagName<F>>(name: K): FlagValue<F[K]> {
    return this.engine.flagSet.get(name).get() as FlagValue<F[K]>;
  }

  /** has tells whether a flag of that name is declared in the bound set. */
  has(name: string): name is FlagName<F> {
    return this.engine.flagSet.has(name);
  }

  /**
   * handle returns a flag's handle (to subscribe with `onChange`, or to keep
   * instead of the service); throws naming the flag when it is not declared.
   */
  handle<K extends FlagName<F>>(name: K): F[K] {
    return this.engine.flagSet.get(name) as F[K];
  }

  /** handles returns every flag's handle, keyed by name, in declaration order. */
  handles(): F {
    const handles: Record<string, Flag<unknown>> = {};
    for (const flag of this.engine.flagSet) handles[flag.name] = flag;
    return Object.freeze(handles) as F;
  }

  /**
   * list describes every flag — name, type, dynamic, description, current
   * and default value, source, last change, pending restart — with sensitive
   * values redacted, for listings and diagnostics.
   */
  list(): FlagInfo[] {
    const pending = new Set(this.engine.status().pendingRestart);
    return [...this.engine.flagSet].map((flag) => ({
      name: flag.name,
      type: flag.kind,
      dynamic: flag.dynamic,
      sensitive: flag.sensitive,
      description: flag.description,
      current: flag.format(),
      default: flag.format(flag.defaultValue),
      source: flag.source,
      lastChanged: flag.lastChanged,
      pendingRestart: pending.has(flag.name),
    }));
  }

  /** status reports the ConfigMap's state: generation, last result, errors, checksums, watch mode. */
  status(): ConfigMapStatus {
    return this.engine.status();
  }

  /**
   * onReload subscribes to every ConfigMap version processed after the initial load, applied or
   * refused, with its report; changes made through the flag set itself (`override()`, `apply()`)
   * reach `FlagSet.onBatch` listeners and `@OnFlagChange` instead. Returns the unsubscribe
   * function. (How the OpenFeature provider learns that a version was refused.)
   */
  onReload(listener: (report: ReloadReport) => void): () => void {
    return this.engine.onReload(listener);
  }

  /**
   * reload reads the ConfigMap now, as if it had changed. Dynamic flags
   * only, like any reload after start; emits `flag.changed` and
   * `flag.reloaded` like one.
   */
  reload(): Promise<ReloadReport> {
    return this.engine.reload();
  }
}
