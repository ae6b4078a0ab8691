import type { ReloadReport } from './configmap/reload-report.interface.js';
import type { DflagOptions } from './dflag-options.interface.js';
import { engineRegistry } from './engine-registry.js';
import { ensureLogLevelFlag } from './log-level/log-level-flag.js';
import { checkDflagOptions, OPTION_SOURCES } from './options/check-dflag-options.util.js';
import { resolveFlagSet } from './resolve-flag-set.util.js';

/**
 * loadFlags reads the ConfigMap into a flag set before the Nest application
 * exists — Go's order: flags first, then the application. Await it in
 * `main.ts` before `NestFactory.create()` so that everything that reads a
 * flag while the application is built (a provider's constructor, a factory,
 * `app.listen(flags.port.get())`) sees the ConfigMap's value rather than the
 * default. The `DflagModule` bound to the same set and directory then reuses
 * this load (and its options) instead of reading again, and starts watching
 * at bootstrap.
 *
 * Accepts the same options as `DflagModule.forRoot()`: a path (binding the
 * default set) or {@link DflagOptions}, checked before anything is read (a
 * `DflagSetupError` names a misspelt option or a value of the wrong kind).
 * Throws like the engine's `initialize()`: one error listing every refused
 * key (unless `startOnInvalid`), or a clear error when the directory is
 * missing (unless `optional`). Calling it again for the same set and
 * directory returns the first report; an option left out then takes the
 * first call's value, and one given with another value is refused.
 *
 * @returns the report of the initial load (generation 1)
 */
export async function loadFlags(pathOrOptions: string | DflagOptions): Promise<ReloadReport> {
  const options = checkDflagOptions(pathOrOptions, OPTION_SOURCES.loadFlags);
  const flagSet = resolveFlagSet(options);
  ensureLogLevelFlag(flagSet, options.logLevel, engineRegistry.hasRead(flagSet));
  const engine = await engineRegistry.load(options);
  return engine.initialize();
}
