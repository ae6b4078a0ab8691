/** DFLAG_OPENFEATURE_OPTIONS is the injection token of a DflagOpenFeatureModule's options. */
export const DFLAG_OPENFEATURE_OPTIONS = 'DFLAG:OPENFEATURE_OPTIONS';

/** getOpenFeatureClientToken is the token of the OpenFeature client of a domain (see `@InjectOpenFeatureClient()`). */
export const getOpenFeatureClientToken = (domain: string): string =>
  `DFLAG:OPENFEATURE:${domain}:CLIENT`;
