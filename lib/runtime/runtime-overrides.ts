import type { DflagLogger } from '../configmap/dflag-logger.interface.js';
import { DflagSetupError } from '../errors/dflag-setup.error.js';
import { formatDuration, parseDuration } from '../flags/codecs/duration.codec.js';
import type { Flag } from '../flags/flag.js';
import type { FlagSet } from '../flags/flag-set.js';
import type { RuntimeClock } from './runtime-clock.interface.js';
import { runtimeMessages as m } from './runtime-messages.constant.js';
import type { RuntimeSetterOptions } from './runtime-setter-options.interface.js';
import { RuntimeValueError } from './runtime-value.error.js';
import { systemClock } from './system-clock.js';
import { MIN_TTL_MS } from './min-ttl.constant.js';

/** The batch tag of every change the setter makes (set, clear, expiry). */
export const RUNTIME_TAG = Symbol('nestjs-dflag.runtime');

/** RuntimeOverride describes one runtime value in force. */
export interface RuntimeOverride {
  readonly name: string;
  /** When it expires (wall-clock time; expiry itself runs on monotonic time). */
  readonly until: Date;
  /** The ttl it was set for, in milliseconds. */
  readonly ttlMs: number;
  /** Who set it, when the guard attached a principal. */
  readonly setBy: string | undefined;
}

/** A request to set: the value as a ConfigMap key would hold it (bytes as base64). */
export interface RuntimeSetRequest {
  readonly name: string;
  readonly value: string;
  /** Duration syntax (`15m`); the setter's `defaultTtl` when absent. */
  readonly ttl?: string | undefined;
  readonly principal?: string | undefined;
}

interface Entry {
  readonly override: RuntimeOverride;
  readonly deadline: number;
  timer: unknown;
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

const positiveDuration = (option: string, text: unknown): number => {
  let ms = Number.NaN;
  try {
    if (typeof text === 'string') ms = parseDuration(text);
  } catch {
    // refused below
  }
  if (!(ms >= MIN_TTL_MS)) throw new DflagSetupError(m.optionTtl(option, text));
  return ms;
};

/**
 * RuntimeOverrides holds the setter's values: each on the `runtime` layer (above the ConfigMap,
 * below `override()` and the test kit), each expiring back to the value underneath. Every set,
 * clear and expiry is a batch like any other — events, `onChange`, the change log — tagged
 * {@link RUNTIME_TAG}, and logs what, until when and by whom (redacted, escaped).
 */
export class RuntimeOverrides {
  private readonly entries = new Map<string, Entry>();
  private readonly allowed: ReadonlySet<string>;
  private readonly defaultTtlMs: number;
  private readonly maxTtlMs: number;

  constructor(
    private readonly flagSet: FlagSet,
    options: RuntimeSetterOptions,
    private readonly logger: DflagLogger,
    private readonly clock: RuntimeClock = systemClock,
  ) {
    this.defaultTtlMs = positiveDuration('defaultTtl', options.defaultTtl ?? '15m');
    this.maxTtlMs = positiveDuration('maxTtl', options.maxTtl ?? '1h');
    if (this.defaultTtlMs > this.maxTtlMs)
      throw new DflagSetupError(
        m.optionTtlOrder(formatDuration(this.defaultTtlMs), formatDuration(this.maxTtlMs)),
      );
    this.allowed = this.resolveAllowed(options);
  }

  /** The names that may be set (declared, dynamic, and sensitive only when allowed so). */
  get allowedNames(): readonly string[] {
    return [...this.allowed];
  }

  /** active lists the runtime values in force, in the order they were set. */
  active(): readonly RuntimeOverride[] {
    return [...this.entries.values()].map((entry) => entry.override);
  }

  /** overriddenUntil tells when a flag's runtime value expires, if it has one. */
  overriddenUntil(name: string): Date | undefined {
    return this.entries.get(name)?.override.until;
  }

  /**
   * set parses and validates `value` exactly as a ConfigMap value, puts it on the runtime layer
   * for `ttl`, and returns the override; refusals throw a {@link RuntimeValueError}.
   */
  set(request: RuntimeSetRequest): RuntimeOverride {
    const flag = this.settable(request.name);
    const ttlMs = this.ttlOf(request.ttl);
    const raw = flag.kind === 'bytes' ? this.base64(flag.name, request.value) : request.value;
    const result = this.flagSet.apply(
      [{ name: flag.name, source: 'runtime', raw, origin: m.origin }],
      { tag: RUNTIME_TAG },
    );
    if (result.errors.length > 0) throw new RuntimeValueError(422, result.errors[0]!.message);

    this.cancel(flag.name);
    const override: RuntimeOverride = {
      name: flag.name,
      until: new Date(this.clock.wallNow().getTime() + ttlMs),
      ttlMs,
      setBy: request.principal,
    };
    const entry: Entry = {
      override,
      deadline: this.clock.monotonicNow() + ttlMs,
      timer: undefined,
    };
    this.entries.set(flag.name, entry);
    this.arm(entry);
    this.logger.warn(
      m.setLine(flag.name, flag.format(), override.until, formatDuration(ttlMs), request.principal),
      {
        flag: flag.name,
        until: override.until.toISOString(),
        ttl: formatDuration(ttlMs),
        setBy: request.principal,
      },
    );
    return override;
  }

  /** clear removes a flag's runtime value at once; false when it had none. */
  clear(name: string, principal?: string): boolean {
    const flag = this.settable(name);
    if (!this.entries.has(flag.name)) return false;
    this.remove(flag.name);
    this.logger.log(m.clearedLine(flag.name, principal), { flag: flag.name, clearedBy: principal });
    return true;
  }

  /** close removes every runtime value (they die with the application) and stops the timers. */
  close(): void {
    for (const name of [...this.entries.keys()]) this.remove(name);
  }

  private settable(name: string): Flag<unknown> {
    const flag = this.flagSet.find(name);
    if (flag && this.allowed.has(flag.name)) return flag;
    if (flag && !flag.dynamic) throw new RuntimeValueError(409, m.staticFlag(name));
    if (flag?.sensitive) throw new RuntimeValueError(404, m.sensitiveNotAllowed(name));
    throw new RuntimeValueError(404, m.notSettable(name));
  }

  private ttlOf(ttl: string | undefined): number {
    if (ttl === undefined) return this.defaultTtlMs;
    let ms: number;
    try {
      ms = parseDuration(ttl);
    } catch (error) {
      throw new RuntimeValueError(422, m.badTtl(ttl, (error as Error).message));
    }
    if (!(ms > 0)) throw new RuntimeValueError(422, m.badTtl(ttl, m.ttlNotPositive));
    if (ms < MIN_TTL_MS) throw new RuntimeValueError(422, m.badTtl(ttl, m.ttlTooShort));
    if (ms > this.maxTtlMs)
      throw new RuntimeValueError(422, m.ttlTooLong(ttl, formatDuration(this.maxTtlMs)));
    return ms;
  }

  private base64(name: string, text: string): Uint8Array {
    const compact = text.replace(/\s+/g, '');
    if (!BASE64.test(compact)) throw new RuntimeValueError(422, m.badBase64(name));
    return Buffer.from(compact, 'base64');
  }

  /** arm waits for the deadline on monotonic time; a timer firing early (or a long ttl) re-arms. */
  private arm(entry: Entry): void {
    entry.timer = this.clock.setTimer(() => {
      if (this.entries.get(entry.override.name) !== entry) return;
      if (this.clock.monotonicNow() < entry.deadline) return this.arm(entry);
      this.remove(entry.override.name);
      this.logger.log(m.expiredLine(entry.override.name), { flag: entry.override.name });
    }, entry.deadline - this.clock.monotonicNow());
  }

  private cancel(name: string): void {
    const entry = this.entries.get(name);
    if (entry) this.clock.clearTimer(entry.timer);
    this.entries.delete(name);
  }

  private remove(name: string): void {
    this.cancel(name);
    this.flagSet.apply([{ name, source: 'runtime' }], { tag: RUNTIME_TAG });
  }

  private resolveAllowed(options: RuntimeSetterOptions): ReadonlySet<string> {
    const sensitiveOk = new Set(options.allowSensitive ?? []);
    const allow = options.allow;
    let candidates: Flag<unknown>[];
    if (typeof allow === 'function') {
      candidates = [...this.flagSet].filter((flag) => flag.dynamic && allow(flag));
    } else {
      const unknown = allow.filter((name) => !this.flagSet.has(name));
      if (unknown.length > 0) throw new DflagSetupError(m.optionUnknownFlags(unknown));
      candidates = allow.map((name) => this.flagSet.get(name));
      const statics = candidates.filter((flag) => !flag.dynamic).map((flag) => flag.name);
      if (statics.length > 0) throw new DflagSetupError(m.optionStaticFlags(statics));
    }
    const names = new Set(candidates.map((flag) => flag.name));
    const strays = [...sensitiveOk].filter(
      (name) => !names.has(name) || !this.flagSet.get(name).sensitive,
    );
    if (strays.length > 0) throw new DflagSetupError(m.optionSensitiveNotAllowed(strays));
    return new Set(
      candidates.filter((flag) => !flag.sensitive || sensitiveOk.has(flag.name)).map((f) => f.name),
    );
  }
}
