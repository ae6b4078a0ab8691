import type {
  EvaluationContext,
  JsonValue,
  Logger,
  Provider,
  ResolutionDetails,
} from '@openfeature/server-sdk';
import { DflagSetupError } from '../errors/dflag-setup.error.js';
import type { Flag } from '../flags/flag.js';
import { FlagSet } from '../flags/flag-set.js';
import { ConfigMapView } from './configmap-view.js';
import type { DflagProviderOptions } from './dflag-provider-options.interface.js';
import type { DflagProviderSource } from './dflag-provider-source.interface.js';
import { flagMetadataOf } from './flag-metadata.util.js';
import { openFeatureMessages } from './openfeature-messages.constant.js';
import { openFeatureSdk } from './openfeature-sdk.js';
import type { OpenFeatureType } from './openfeature-type.util.js';
import { openFeatureTypeOf } from './openfeature-type.util.js';
import { ProviderEventRelay } from './provider-event-relay.js';
import { reasonOf } from './resolution-reason.util.js';
import { toOpenFeatureValue } from './to-openfeature-value.util.js';

const { FlagNotFoundError, OpenFeatureEventEmitter, TypeMismatchError } = openFeatureSdk;

/** DFLAG_PROVIDER_NAME is the provider's `metadata.name`. */
export const DFLAG_PROVIDER_NAME = 'nestjs-dflag';

/**
 * DflagProvider is an OpenFeature server provider (SDK 1.x) over a flag set: code that speaks
 * OpenFeature reads the same values, validated and reloaded, as the flag handles. Types: bool →
 * boolean; int, float and duration (milliseconds) → number; string → string; json → object;
 * list and set → an array through the object resolver; bytes has no OpenFeature type
 * (`TYPE_MISMATCH`). Another type than the flag's is `TYPE_MISMATCH`, an undeclared key
 * `FLAG_NOT_FOUND` — thrown as the SDK's typed errors, so that the caller gets its default
 * with the code. Reasons: `STATIC` when a source set the value, `DEFAULT` for the declared
 * default, `STALE` for a flag whose newest ConfigMap value was refused. The evaluation context
 * is ignored: there is no targeting, every caller gets the flag's value.
 *
 * ```ts
 * await OpenFeature.setProviderAndWait('flags', new DflagProvider(engine));
 * const rate = await OpenFeature.getClient('flags').getNumberValue('rate', 0);
 * ```
 *
 * In a Nest application, `DflagOpenFeatureModule.forRoot({ domain })` does this for you.
 */
export class DflagProvider implements Provider {
  /** The provider's metadata for OpenFeature: its name is {@link DFLAG_PROVIDER_NAME}. */
  readonly metadata = {
    /** Always {@link DFLAG_PROVIDER_NAME}. */
    name: DFLAG_PROVIDER_NAME,
  } as const;
  readonly runsOn = 'server' as const;
  /** The provider's events (see `ProviderEventRelay`). */
  readonly events = new OpenFeatureEventEmitter();
  /** The flags it resolves. */
  readonly flagSet: FlagSet;

  private readonly source: DflagProviderSource | undefined;
  private readonly view: ConfigMapView;
  private readonly relay: ProviderEventRelay;
  private readonly exposed: (flag: Flag<unknown>) => boolean;
  private announced: Promise<void> = Promise.resolve();

  /**
   * @param source a `ConfigMapEngine`, a `FlagService`, or a bare `FlagSet` (no ConfigMap:
   *   nothing is ever `STALE`)
   */
  constructor(source: FlagSet | DflagProviderSource, options: DflagProviderOptions = {}) {
    this.source = source instanceof FlagSet ? undefined : source;
    this.flagSet = source instanceof FlagSet ? source : source.flagSet;
    this.exposed = exposure(this.flagSet, options.exposeSensitive ?? false);
    this.view = new ConfigMapView(this.source);
    this.relay = new ProviderEventRelay(this.flagSet, this.source, this.view, this.events, (name) =>
      this.readable(this.flagSet.find(name)),
    );
    this.relay.open();
  }

  /**
   * initialize resolves once the flags are loaded (it loads them if the source has not:
   * a `ConfigMapEngine` not yet initialized). Loaded with refused values (`startOnInvalid`),
   * the provider then turns `STALE`.
   */
  async initialize(): Promise<void> {
    this.relay.open();
    await this.source?.initialize?.();
    this.view.refresh();
    this.announced = this.relay.announceInitialState();
  }

  /** onClose stops following the flags (the SDK calls it when the provider is replaced or closed). */
  async onClose(): Promise<void> {
    this.relay.close();
  }

  /** @internal settled resolves once every event due has gone out (for the Nest registration). */
  settled(): Promise<void> {
    return this.announced.then(() => this.relay.flushed());
  }

  resolveBooleanEvaluation(
    flagKey: string,
    _defaultValue: boolean,
    _context?: EvaluationContext,
    _logger?: Logger,
  ): Promise<ResolutionDetails<boolean>> {
    return this.resolve(flagKey, 'boolean');
  }

  resolveStringEvaluation(
    flagKey: string,
    _defaultValue: string,
    _context?: EvaluationContext,
    _logger?: Logger,
  ): Promise<ResolutionDetails<string>> {
    return this.resolve(flagKey, 'string');
  }

  resolveNumberEvaluation(
    flagKey: string,
    _defaultValue: number,
    _context?: EvaluationContext,
    _logger?: Logger,
  ): Promise<ResolutionDetails<number>> {
    return this.resolve(flagKey, 'number');
  }

  resolveObjectEvaluation<T extends JsonValue>(
    flagKey: string,
    _defaultValue: T,
    _context?: EvaluationContext,
    _logger?: Logger,
  ): Promise<ResolutionDetails<T>> {
    return this.resolve(flagKey, 'object');
  }

  private readable(flag: Flag<unknown> | undefined): boolean {
    return flag !== undefined && this.exposed(flag);
  }

  private async resolve<T>(key: string, asked: OpenFeatureType): Promise<ResolutionDetails<T>> {
    const flag = this.flagSet.find(key);
    if (!flag)
      throw new FlagNotFoundError(openFeatureMessages.flagNotFound(key, this.flagSet.name));
    if (!this.exposed(flag)) throw new FlagNotFoundError(openFeatureMessages.sensitiveHidden(key));
    const carried = openFeatureTypeOf(flag.kind);
    if (carried === undefined)
      throw new TypeMismatchError(openFeatureMessages.bytesNotCarried(key));
    if (carried !== asked)
      throw new TypeMismatchError(openFeatureMessages.typeMismatch(key, flag.kind, carried, asked));
    return {
      value: toOpenFeatureValue(flag) as T,
      reason: reasonOf(flag, this.view),
      flagMetadata: flagMetadataOf(flag, this.view),
    };
  }
}

/** exposure decides which flags OpenFeature may read, checking the names it is given. */
function exposure(
  flagSet: FlagSet,
  exposeSensitive: boolean | readonly string[],
): (flag: Flag<unknown>) => boolean {
  if (typeof exposeSensitive === 'boolean') return (flag) => exposeSensitive || !flag.sensitive;
  const unknown = exposeSensitive.filter((name) => !flagSet.has(name));
  if (unknown.length > 0)
    throw new DflagSetupError(openFeatureMessages.exposeUnknown(unknown, flagSet.name));
  const plain = exposeSensitive.filter((name) => !flagSet.find(name)?.sensitive);
  if (plain.length > 0) throw new DflagSetupError(openFeatureMessages.exposeNotSensitive(plain));
  const names = new Set(exposeSensitive);
  return (flag) => !flag.sensitive || names.has(flag.name);
}
