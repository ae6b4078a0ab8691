import { Inject, Injectable, Logger } from '@nestjs/common';
import type { OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { ModuleRef, ModulesContainer } from '@nestjs/core';
import { hostname } from 'node:os';
import { getFlagServiceToken } from '../decorators/inject-flag-service.decorator.js';
import { DFLAG_LOGGER_CONTEXT } from '../dflag.constants.js';
import { DflagSetupError } from '../errors/dflag-setup.error.js';
import { withJsonFields } from '../logs/json-fields.util.js';
import { RuntimeOverrides } from '../runtime/runtime-overrides.js';
import { engineOfService } from '../service-engine.registry.js';
import type { FlagService } from '../flag.service.js';
import { buildListing } from './build-listing.util.js';
import type { CheckedListingOptions } from './check-listing-options.util.js';
import { LISTING_OPTIONS } from './listing.constants.js';
import type { ListingDocument } from './listing-document.interface.js';
import { listingMessages } from './listing-messages.constant.js';
import type { ListingQuery } from './listing-query.interface.js';
import { setterMessages } from './setter-messages.constant.js';

/**
 * ListingRegistration is one listing's link to the DflagModule registration
 * it lists. At module init it finds that registration's FlagService (a
 * missing one fails the start, naming it) and refuses a second listing on
 * the same path in the application; with the setter on, it creates the
 * registration's {@link RuntimeOverrides} (refusing a second setter for the
 * same registration), and removes every runtime value when the application
 * closes: a runtime value dies with its application.
 */
@Injectable()
export class ListingRegistration implements OnModuleInit, OnModuleDestroy {
  private service: FlagService | undefined;
  private runtime: RuntimeOverrides | undefined;
  private readonly hostname = hostname();

  constructor(
    @Inject(LISTING_OPTIONS) readonly options: CheckedListingOptions,
    @Inject(ModuleRef) private readonly moduleRef: ModuleRef,
    @Inject(ModulesContainer) private readonly modules: ModulesContainer,
  ) {}

  onModuleInit(): void {
    for (const module of this.modules.values()) {
      const other = module.getProviderByKey<ListingRegistration>(ListingRegistration)?.instance;
      if (other && other !== this && other.options.path === this.options.path)
        throw new DflagSetupError(
          listingMessages.duplicatePath(
            `/${this.options.path}`,
            this.options.name,
            other.options.name,
          ),
        );
      if (other && other !== this && other.options.setter && this.options.setter)
        if (other.options.name === this.options.name)
          throw new DflagSetupError(
            setterMessages.twoSetters(
              this.options.name,
              `/${other.options.path}`,
              `/${this.options.path}`,
            ),
          );
    }
    const service = this.flagService();
    const setter = this.options.setter;
    if (setter) {
      const logger = engineOfService(service)?.logger ?? new Logger(DFLAG_LOGGER_CONTEXT);
      this.runtime = new RuntimeOverrides(
        service.flagSet,
        setter,
        withJsonFields(logger),
        setter.clock,
      );
    }
  }

  onModuleDestroy(): void {
    this.runtime?.close();
  }

  /** The runtime setter's values, when the setter is on. */
  get overrides(): RuntimeOverrides | undefined {
    return this.runtime;
  }

  /** The pod's `os.hostname()`, which every answer names (a request reaches one pod). */
  get podName(): string {
    return this.hostname;
  }

  /** The registration's flag service (found at module init). */
  get flags(): FlagService {
    return this.flagService();
  }

  /**
   * listing describes the registration's flags now, filtered by the query;
   * `setUrl` is the setter's path as this request reached the listing ('' when off).
   */
  listing(query: ListingQuery, setUrl = ''): ListingDocument {
    const service = this.flagService();
    return buildListing(
      {
        flagSet: service.flagSet,
        status: service.status(),
        registration: this.options.name,
        hostname: this.hostname,
        runtime: this.runtime && { setUrl, overrides: this.runtime },
      },
      query,
    );
  }

  private flagService(): FlagService {
    if (this.service) return this.service;
    try {
      // strict: false finds the registration wherever DflagModule was imported.
      this.service = this.moduleRef.get<FlagService>(getFlagServiceToken(this.options.name), {
        strict: false,
      });
    } catch (error) {
      throw new DflagSetupError(listingMessages.noRegistration(this.options.name), {
        cause: error,
      });
    }
    return this.service;
  }
}
