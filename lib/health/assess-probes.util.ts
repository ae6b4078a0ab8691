import type { ConfigMapStatus } from '../configmap/configmap-status.interface.js';
import { messages } from '../errors/messages.constant.js';

/** DflagProbeAssessment is a probe's answer and, when it fails, why. */
export interface DflagProbeAssessment {
  /** Whether the probe passes. */
  readonly up: boolean;
  /** Why it fails; `undefined` when it passes. */
  readonly reason: string | undefined;
}

/**
 * assessReadiness: not ready only under `startOnInvalid: 'unready'`, from a
 * start with refused values until no flag serves a fallback caused by them.
 * Content refused later never makes a ready pod unready: its last good
 * values serve, and every pod gets the same ConfigMap — failing readiness on
 * it would take the whole fleet out of service.
 */
export function assessReadiness(status: ConfigMapStatus): DflagProbeAssessment {
  if (status.ready) return { up: true, reason: undefined };
  return { up: false, reason: messages.healthNotReady(status.refusedAtStart) };
}

/**
 * assessLiveness never looks at ConfigMap content: a restart cannot fix a
 * bad value, and a restarting fleet only delays recovery. It fails only when
 * the engine stopped watching while the application runs (a restart does fix
 * that).
 */
export function assessLiveness(status: ConfigMapStatus): DflagProbeAssessment {
  if (status.watchMode !== 'stopped') return { up: true, reason: undefined };
  return { up: false, reason: messages.healthNotWatching(status.path) };
}
