/**
 * The Terminus health indicator and the liveness and readiness assessments (needs `@nestjs/terminus`).
 *
 * @packageDocumentation
 * @module nestjs-dflag/health
 */
export { DflagHealthIndicator } from './dflag.health.js';
export type { DflagHealthOptions } from './dflag-health-options.interface.js';
export { assessHealth } from './assess-health.util.js';
export type { DflagHealthAssessment, DflagHealthState } from './assess-health.util.js';
export { assessLiveness, assessReadiness } from './assess-probes.util.js';
export type { DflagProbeAssessment } from './assess-probes.util.js';
