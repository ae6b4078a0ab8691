import { createRequire } from 'node:module';
import { DflagSetupError } from '../errors/dflag-setup.error.js';
import { errorMessage } from '../errors/error-message.util.js';
import { openFeatureMessages } from './openfeature-messages.constant.js';

import type * as ServerSdkModule from '@openfeature/server-sdk';

type ServerSdk = typeof ServerSdkModule;

/** Whether a `require()` failed because an `@openfeature/` package is not installed. */
const isMissing = (error: unknown): boolean =>
  (error as { code?: unknown } | null)?.code === 'MODULE_NOT_FOUND' &&
  /['"]@openfeature\//.test(errorMessage(error));

/**
 * loadServerSdk loads `@openfeature/server-sdk`, or throws a `DflagSetupError` saying what to
 * install. It loads synchronously, through `require()`: a static import would fail before any
 * code of ours ran (with Node's own message), and a top-level `await import()` would stop
 * CommonJS applications from `require()`-ing this entry point. The SDK keeps its API object on
 * `globalThis`, so this copy and the one an application imports share one `OpenFeature`.
 */
function loadServerSdk(): ServerSdk {
  const require = createRequire(import.meta.url);
  try {
    return require('@openfeature/server-sdk') as ServerSdk;
  } catch (error) {
    if (isMissing(error))
      throw new DflagSetupError(
        openFeatureMessages.sdkMissing(errorMessage(error).split('\n')[0] ?? ''),
        {
          cause: error,
        },
      );
    throw error;
  }
}

/** The OpenFeature server SDK: the one place `nestjs-dflag` loads it. */
export const openFeatureSdk: ServerSdk = loadServerSdk();
