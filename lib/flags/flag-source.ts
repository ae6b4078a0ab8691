/**
 * FlagSource names the layer a flag's value comes from. Layers stack:
 * `default` < `environment` < `command-line` < `configmap` < `runtime` < `override`
 * (`runtime`: the setter's expiring values; `override`: code and the test kit);
 * the highest layer holding a value wins, and removing a value from a layer
 * falls back to the next one down.
 */
export type FlagSource =
  'default' | 'environment' | 'command-line' | 'configmap' | 'runtime' | 'override';

/** FLAG_SOURCES lists the layers from lowest to highest precedence. */
export const FLAG_SOURCES: readonly FlagSource[] = Object.freeze([
  'default',
  'environment',
  'command-line',
  'configmap',
  'runtime',
  'override',
]);
