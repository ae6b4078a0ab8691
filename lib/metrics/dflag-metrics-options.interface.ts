import type { Registry } from 'prom-client';

/** DflagMetricsOptions says which registration's metrics to register, and where. */
export interface DflagMetricsOptions {
  /**
   * The DflagModule registration (its `name`) whose metrics these are; the
   * value of every series' `flagset` label. Register once per registration:
   * two registrations share the metric names, told apart by the label.
   * @default 'default'
   */
  name?: string;
  /**
   * The prom-client registry to register in: the one your `/metrics` route
   * serves. Metrics are removed from it when the application closes.
   * @default prom-client's global `register`
   */
  registry?: Registry;
  /**
   * The start of every metric name (`dflag_config_hash`…); change it, or use
   * your own registry, when those names are taken.
   * @default 'dflag_'
   */
  prefix?: string;
}

/** ResolvedMetricsOptions are the options with their defaults filled in (the registry is prom-client's once it is loaded). */
export interface ResolvedMetricsOptions {
  readonly name: string;
  readonly registry: Registry | undefined;
  readonly prefix: string;
}
