import type { CanActivate, ModuleMetadata, Provider, Type } from '@nestjs/common';
import type { DflagSetterOptions } from './dflag-setter-options.interface.js';

/** DflagListingOptions configures one `DflagListingModule.register()`: the listing of one DflagModule registration. */
export interface DflagListingOptions {
  /**
   * The route the listing answers on (GET and HEAD). A static option: Nest
   * fixes routes when the module is defined. It sits under the application's
   * global prefix like any route (`exclude` it there to serve it outside the
   * prefix), and is version-neutral, so it answers with versioning enabled.
   * @default '/debug/flags'
   */
  path?: string;
  /**
   * The DflagModule registration to list (its `name`). One listing per
   * registration; two listings on one path are refused at start.
   * @default 'default'
   */
  name?: string;
  /**
   * Guards applied to the listing's routes, after the Host check: Nest
   * `CanActivate` classes or instances, as `@UseGuards()` takes them. A
   * guard class is resolved from the listing module: give what it injects
   * with `imports` or `providers`. A guard refusing the request answers 403.
   * @default [] (only the Host check)
   */
  guards?: ReadonlyArray<Type<CanActivate> | CanActivate>;
  /**
   * Host names (the `Host` header without its port) the listing answers,
   * besides `localhost`, IP addresses and this pod's `os.hostname()`: e.g.
   * the name of an internal Service. Compared without case. `['*']` turns the
   * check off — unsafe on a listener a browser can reach (DNS rebinding).
   * @default [] (localhost, IP addresses and the pod's host name only)
   */
  allowedHosts?: readonly string[];
  /**
   * Modules the listing module imports: what the `guards` classes inject.
   * @default []
   */
  imports?: ModuleMetadata['imports'];
  /**
   * Providers of the listing module: what the `guards` classes inject.
   * @default []
   */
  providers?: Provider[];
  /**
   * Turns on the runtime setter: `POST {path}/set` sets an allowed dynamic flag for a while,
   * `DELETE {path}/set` removes that value; the HTML page then offers a form per settable flag.
   * `setter.guards` is required (see {@link DflagSetterOptions}, and README "Runtime setter").
   * @default undefined (read-only: no setter route at all)
   */
  setter?: DflagSetterOptions;
}
