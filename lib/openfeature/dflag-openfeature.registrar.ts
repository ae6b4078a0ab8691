import { Inject, Injectable } from '@nestjs/common';
import type { OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { getFlagServiceToken } from '../decorators/inject-flag-service.decorator.js';
import { DflagSetupError } from '../errors/dflag-setup.error.js';
import type { FlagService } from '../flag.service.js';
import { DflagProvider } from './dflag.provider.js';
import type { DflagOpenFeatureModuleOptions } from './dflag-openfeature-options.interface.js';
import { DFLAG_OPENFEATURE_OPTIONS } from './openfeature.constants.js';
import { openFeatureMessages } from './openfeature-messages.constant.js';
import { openFeatureSdk } from './openfeature-sdk.js';

const { NOOP_PROVIDER, OpenFeature } = openFeatureSdk;

/**
 * DflagOpenFeatureRegistrar registers a {@link DflagProvider} over the application's flags on
 * OpenFeature under the module's domain once every provider exists (the flags are loaded by
 * then), and takes only that provider off again when the application closes: the domain is
 * left to OpenFeature's no-op provider (its clients get their defaults), and every other
 * provider stays registered. It never calls `OpenFeature.close()`: the API is one per process,
 * and other applications or libraries may be using it.
 */
@Injectable()
export class DflagOpenFeatureRegistrar implements OnModuleInit, OnModuleDestroy {
  private registered: DflagProvider | undefined;

  constructor(
    private readonly moduleRef: ModuleRef,
    @Inject(DFLAG_OPENFEATURE_OPTIONS) private readonly options: DflagOpenFeatureModuleOptions,
  ) {}

  /** The provider registered, once the module is initialized. */
  get provider(): DflagProvider | undefined {
    return this.registered;
  }

  /**
   * onModuleInit registers a `DflagProvider` over the registration's FlagService for the domain
   * (refused when another provider is bound to the domain) and waits until it is ready.
   */
  async onModuleInit(): Promise<void> {
    const { domain, exposeSensitive } = this.options;
    const service = this.flagService();
    this.checkDomainFree(domain);
    const provider = new DflagProvider(service, { exposeSensitive });
    this.registered = provider;
    await OpenFeature.setProviderAndWait(domain, provider);
    await provider.settled();
  }

  /**
   * onModuleDestroy unbinds the provider (only while the domain still holds it) and closes it.
   */
  async onModuleDestroy(): Promise<void> {
    const provider = this.registered;
    if (!provider) return;
    this.registered = undefined;
    // Only if the domain still holds ours: someone may have bound another provider since.
    if (OpenFeature.getProvider(this.options.domain) === provider)
      OpenFeature.setProvider(this.options.domain, NOOP_PROVIDER);
    await provider.onClose();
  }

  private flagService(): FlagService {
    const { name } = this.options;
    try {
      // strict: false finds the registration wherever DflagModule was imported.
      return this.moduleRef.get<FlagService>(getFlagServiceToken(name), { strict: false });
    } catch (error) {
      throw new DflagSetupError(openFeatureMessages.noRegistration(name), { cause: error });
    }
  }

  /**
   * checkDomainFree refuses a domain bound to another provider than the default (an unbound
   * domain falls back to it) or the no-op one a closed registration leaves: replacing it would
   * silently take another application's or library's flags away.
   */
  private checkDomainFree(domain: string): void {
    const current = OpenFeature.getProvider(domain);
    if (current === OpenFeature.getProvider() || current === NOOP_PROVIDER) return;
    throw new DflagSetupError(openFeatureMessages.domainTaken(domain, current.metadata.name));
  }
}
