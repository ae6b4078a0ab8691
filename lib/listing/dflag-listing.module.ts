import { Module } from '@nestjs/common';
import type { DynamicModule } from '@nestjs/common';
import { checkListingOptions } from './check-listing-options.util.js';
import { createListingController } from './create-listing-controller.js';
import { createSetterController } from './create-setter-controller.js';
import { createSetterScriptController } from './create-setter-script-controller.js';
import { SetterBodyErrors } from './setter-body-errors.js';
import type { DflagListingOptions } from './dflag-listing-options.interface.js';
import { LISTING_OPTIONS } from './listing.constants.js';
import { ListingRegistration } from './listing-registration.js';

/**
 * DflagListingModule serves Go dflag's `/debug/flags` listing, read-only,
 * for one DflagModule registration: JSON or HTML by `Accept` (`?format=`
 * overrides), filters `?type=dynamic|static` and `?only_changed=true`,
 * sensitive values redacted. Requests naming a Host that is not allowed are
 * refused; add `guards` for access control, and serve it on an internal
 * port (see README "Listing endpoint"). With `setter` (and its required
 * `guards`), `POST`/`DELETE {path}/set` set and remove expiring runtime
 * values (see README "Runtime setter").
 *
 * ```ts
 * DflagListingModule.register()                                   // /debug/flags, the default registration
 * DflagListingModule.register({ name: 'billing', path: '/debug/flags/billing', guards: [AdminGuard] })
 * DflagListingModule.register({ setter: { allow: ['rate_limit'], guards: [new BearerTokenGuard({ file })] } })
 * ```
 */
@Module({})
export class DflagListingModule {
  /**
   * register adds one listing. Its options are checked here: a misspelt
   * name or a value of the wrong kind throws a `DflagSetupError` naming it.
   */
  static register(options: DflagListingOptions = {}): DynamicModule {
    const checked = checkListingOptions(options);
    const { setter } = checked;
    return {
      module: DflagListingModule,
      imports: [...checked.imports],
      controllers: [
        createListingController(checked),
        ...(setter
          ? [createSetterController({ ...checked, setter }), createSetterScriptController(checked)]
          : []),
      ],
      providers: [
        { provide: LISTING_OPTIONS, useValue: checked },
        ListingRegistration,
        ...(setter ? [SetterBodyErrors] : []),
        ...checked.providers,
      ],
    };
  }
}
