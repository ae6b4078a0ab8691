import { DflagSetupError } from '../errors/dflag-setup.error.js';
import { metricsMessages } from './metrics-messages.constant.js';
import type * as PromClientModule from 'prom-client';

/** PromClient is the prom-client module, loaded when metrics are enabled. */
export type PromClient = Omit<typeof PromClientModule, 'default'>;

const PACKAGE = 'prom-client';

/** isMissingPackage tells Node's "Cannot find package 'prom-client'" from a failure inside it (a missing dependency of its own names that one). */
function isMissingPackage(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return (
    (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') &&
    typeof message === 'string' &&
    (message.includes(`'${PACKAGE}'`) || message.includes(`"${PACKAGE}"`))
  );
}

/**
 * loadPromClient imports prom-client when the application starts with
 * DflagMetricsModule, so that prom-client stays an optional peer: nothing
 * else in the library loads it, and enabling metrics without it installed is
 * a `DflagSetupError` saying what to install, not Node's resolution error.
 */
export async function loadPromClient(): Promise<PromClient> {
  try {
    const loaded = await import('prom-client');
    // A CommonJS package imported from ESM: `default` is its `module.exports`, when Node gives it.
    return loaded.default ?? loaded;
  } catch (error) {
    if (isMissingPackage(error))
      throw new DflagSetupError(metricsMessages.promClientMissing, { cause: error });
    throw error;
  }
}
