import type { FlagKind } from '../flags/flag-kind.js';

/** OpenFeatureType is the type an OpenFeature resolver reads: one per resolver. */
export type OpenFeatureType = 'boolean' | 'number' | 'string' | 'object';

const CARRIED: Readonly<Record<FlagKind, OpenFeatureType | undefined>> = {
  bool: 'boolean',
  int: 'number',
  float: 'number',
  duration: 'number', // milliseconds, as the handle holds it
  string: 'string',
  json: 'object',
  list: 'object', // an array
  set: 'object', // an array, in the set's order
  bytes: undefined, // OpenFeature has no binary type; a base64 string would be a guess
};

/** openFeatureTypeOf is the resolver that reads a flag of this kind; `undefined` for bytes. */
export function openFeatureTypeOf(kind: FlagKind): OpenFeatureType | undefined {
  return CARRIED[kind];
}
