import { DEFAULT_REGISTRATION } from '../dflag.constants.js';
import { assertOptions } from '../options/check-options.util.js';
import type { OptionRules } from '../options/option-rule.interface.js';
import { methodsRule, nonEmptyStringRule } from '../options/option-rules.util.js';
import { DEFAULT_METRICS_PREFIX } from './dflag-metrics.constants.js';
import type {
  DflagMetricsOptions,
  ResolvedMetricsOptions,
} from './dflag-metrics-options.interface.js';
import { metricsMessages } from './metrics-messages.constant.js';

/** A Prometheus metric name starts with a letter, `_` or `:`; so does a prefix, unless it is empty. */
const PREFIX = /^(?:[a-zA-Z_:][a-zA-Z0-9_:]*)?$/;

/** The rules of {@link DflagMetricsOptions}. */
const METRICS_OPTION_RULES: OptionRules = {
  name: nonEmptyStringRule(metricsMessages.acceptsRegistrationName),
  // prom-client is not loaded yet when the options are checked: a registry is known by its methods.
  registry: methodsRule(
    ['registerMetric', 'getSingleMetric', 'removeSingleMetric', 'metrics'],
    metricsMessages.acceptsRegistry,
  ),
  prefix: {
    accepts: metricsMessages.acceptsPrefix,
    valid: (value) => typeof value === 'string' && PREFIX.test(value),
  },
};

/**
 * checkMetricsOptions checks `DflagMetricsModule.register()`'s options (every
 * problem at once, a misspelt name with the closest known one) and fills in
 * the defaults.
 */
export function checkMetricsOptions(options: DflagMetricsOptions = {}): ResolvedMetricsOptions {
  assertOptions(options, { where: metricsMessages.where, rules: METRICS_OPTION_RULES });
  return {
    name: options.name ?? DEFAULT_REGISTRATION,
    registry: options.registry,
    prefix: options.prefix ?? DEFAULT_METRICS_PREFIX,
  };
}
