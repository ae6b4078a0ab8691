import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { HealthIndicatorService } from '@nestjs/terminus';
import type { HealthIndicatorResult } from '@nestjs/terminus';
import { getFlagServiceToken } from '../decorators/inject-flag-service.decorator.js';
import { DEFAULT_HEALTH_KEY } from '../dflag.constants.js';
import { DflagSetupError } from '../errors/dflag-setup.error.js';
import { messages } from '../errors/messages.constant.js';
import type { FlagService } from '../flag.service.js';
import { assessHealth } from './assess-health.util.js';
import { assessLiveness, assessReadiness } from './assess-probes.util.js';
import type { DflagHealthOptions } from './dflag-health-options.interface.js';

const iso = (date: Date | undefined): string | null => date?.toISOString() ?? null;

/**
 * DflagHealthIndicator reports the ConfigMap's reload status to
 * `@nestjs/terminus`: `up` when the last version applied cleanly,
 * `degraded` (HTTP 200) when the last good values serve, `down` only with
 * `strict`. Add it to the providers of the module holding your health
 * controller (which imports `TerminusModule`):
 *
 * ```ts
 * @Get('health') @HealthCheck()
 * check() { return this.health.check([() => this.dflag.isHealthy()]); }
 * ```
 *
 * Imported from `nestjs-dflag/health`, so that `@nestjs/terminus` stays an
 * optional peer of `nestjs-dflag`.
 */
@Injectable()
export class DflagHealthIndicator {
  constructor(
    private readonly healthIndicatorService: HealthIndicatorService,
    private readonly moduleRef: ModuleRef,
  ) {}

  /**
   * isHealthy checks a registration's ConfigMap status. The details carry
   * the generation, the last reload and last success times, the last result,
   * the errors (values of sensitive flags redacted), warnings, static flags
   * pending restart, checksums, watch mode, and why the state is degraded.
   *
   * @param key the key of the result
   * @default key 'dflag'
   */
  isHealthy<const Key extends string = typeof DEFAULT_HEALTH_KEY>(
    key: Key = DEFAULT_HEALTH_KEY as Key,
    options: DflagHealthOptions = {},
  ): HealthIndicatorResult<Key> {
    const session = this.healthIndicatorService.check(key);
    const status = this.flagService(options.name).status();
    const { state, reasons } = assessHealth(status);
    const details = {
      path: status.path,
      generation: status.generation,
      lastResult: status.lastResult ?? null,
      lastReloadAt: iso(status.lastReloadAt),
      lastSuccessAt: iso(status.lastSuccessAt),
      version: status.version ?? null,
      errors: status.errors,
      warnings: status.warnings,
      pendingRestart: status.pendingRestart,
      checksums: status.checksums,
      watchMode: status.watchMode,
      reasons,
    };
    if (state === 'up') return session.up(details);
    return options.strict ? session.down(details) : session.degraded(details);
  }

  /**
   * isReady is the readiness probe's check: `down` (HTTP 503) only under
   * `startOnInvalid: 'unready'`, while a pod that started with refused values
   * serves fallbacks for them; `up` once a version gives them valid values,
   * and from then on whatever the ConfigMap holds (see {@link assessReadiness}).
   *
   * @param key the key of the result
   * @default key 'dflag'
   */
  isReady<const Key extends string = typeof DEFAULT_HEALTH_KEY>(
    key: Key = DEFAULT_HEALTH_KEY as Key,
    options: Pick<DflagHealthOptions, 'name'> = {},
  ): HealthIndicatorResult<Key> {
    const status = this.flagService(options.name).status();
    const { up, reason } = assessReadiness(status);
    return this.probe(key, up, {
      ready: status.ready,
      refusedAtStart: status.refusedAtStart,
      generation: status.generation,
      version: status.version ?? null,
      reason: reason ?? null,
    });
  }

  /**
   * isLive is the liveness probe's check: it never depends on ConfigMap
   * content (a restart cannot fix a bad value); `down` only when the engine
   * stopped watching while the application runs (see {@link assessLiveness}).
   *
   * @param key the key of the result
   * @default key 'dflag'
   */
  isLive<const Key extends string = typeof DEFAULT_HEALTH_KEY>(
    key: Key = DEFAULT_HEALTH_KEY as Key,
    options: Pick<DflagHealthOptions, 'name'> = {},
  ): HealthIndicatorResult<Key> {
    const status = this.flagService(options.name).status();
    const { up, reason } = assessLiveness(status);
    return this.probe(key, up, { watchMode: status.watchMode, reason: reason ?? null });
  }

  private probe<Key extends string>(
    key: Key,
    up: boolean,
    details: Record<string, unknown>,
  ): HealthIndicatorResult<Key> {
    const session = this.healthIndicatorService.check(key);
    return up ? session.up(details) : session.down(details);
  }

  private flagService(name: string | undefined): FlagService {
    try {
      // strict: false finds the registration wherever DflagModule was imported.
      return this.moduleRef.get<FlagService>(getFlagServiceToken(name), { strict: false });
    } catch (error) {
      throw new DflagSetupError(messages.healthNoRegistration(name), { cause: error });
    }
  }
}
