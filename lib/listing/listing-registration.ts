import { Inject, Injectable } from '@nestjs/common';
import type { OnModuleInit } from '@nestjs/common';
import { ModuleRef, ModulesContainer } from '@nestjs/core';
import { hostname } from 'node:os';
import { getFlagServiceToken } from '../decorators/inject-flag-service.decorator.js';
import { DflagSetupError } from '../errors/dflag-setup.error.js';
import type { FlagService } from '../flag.service.js';
import { buildListing } from './build-listing.util.js';
import type { CheckedListingOptions } from './check-listing-options.util.js';
import { LISTING_OPTIONS } from './listing.constants.js';
import type { ListingDocument } from './listing-document.interface.js';
import { listingMessages } from './listing-messages.constant.js';
import type { ListingQuery } from './listing-query.interface.js';

/**
 * ListingRegistration is one listing's link to the DflagModule registration
 * it lists. At module init it finds that registration's FlagService (a
 * missing one fails the start, naming it) and refuses a second listing on
 * the same path in the application.
 */
@Injectable()
export class ListingRegistration implements OnModuleInit {
  private service: FlagService | undefined;
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
    }
    this.flagService();
  }

  /** listing describes the registration's flags now, filtered by the query. */
  listing(query: ListingQuery): ListingDocument {
    const service = this.flagService();
    return buildListing(
      {
        flagSet: service.flagSet,
        status: service.status(),
        registration: this.options.name,
        hostname: this.hostname,
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
