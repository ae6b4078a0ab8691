import type { Flag } from '../flags/flag.js';
import type { ConfigMapView } from './configmap-view.js';
import { openFeatureSdk } from './openfeature-sdk.js';

const { StandardResolutionReasons } = openFeatureSdk;

/** DflagResolutionReason is the reason an evaluation gives. */
export type DflagResolutionReason = 'STATIC' | 'DEFAULT' | 'STALE';

/**
 * reasonOf says why a flag has its value: `STALE` when the newest ConfigMap value of the flag
 * was refused (its last good value serves), `DEFAULT` when no source set it (the declared
 * default), `STATIC` when a source did (there is no targeting: every caller gets that value).
 */
export function reasonOf(flag: Flag<unknown>, view: ConfigMapView): DflagResolutionReason {
  if (view.refused.has(flag.name)) return StandardResolutionReasons.STALE;
  return flag.source === 'default'
    ? StandardResolutionReasons.DEFAULT
    : StandardResolutionReasons.STATIC;
}
