import type { ConfigMapStatus } from '../configmap/configmap-status.interface.js';
import { messages } from '../errors/messages.constant.js';

/** DflagHealthState: `up` when the last version applied cleanly, `degraded` when the last good values serve. */
export type DflagHealthState = 'up' | 'degraded';

/** DflagHealthAssessment is the state and every reason for it. */
export interface DflagHealthAssessment {
  /** `up`, or `degraded` when any reason holds. */
  readonly state: DflagHealthState;
  /** Why the state is `degraded`, one line each; empty when `up`. */
  readonly reasons: readonly string[];
}

/**
 * assessHealth judges a ConfigMap status: `degraded` when the last version
 * was refused in part or whole, a static flag waits for a restart, the
 * watcher fell back to periodic checks or is stopped (nothing follows the
 * ConfigMap), the directory is missing, or the application started on
 * fallbacks and no version has applied cleanly since;
 * `up` otherwise. It never answers `down`: that is the caller's opt-in.
 */
export function assessHealth(status: ConfigMapStatus): DflagHealthAssessment {
  const reasons: string[] = [];
  if (status.lastResult === 'partial' || status.lastResult === 'rejected')
    reasons.push(messages.healthLastVersion(status.lastResult, status.errors.length));
  if (status.pendingRestart.length > 0)
    reasons.push(messages.healthPendingRestart(status.pendingRestart));
  // A missing directory also leaves only the periodic check; it is reported as what it is.
  if (status.watchMode === 'periodic' && !status.directoryMissing)
    reasons.push(messages.healthPeriodic(status.watcherError));
  if (status.watchMode === 'stopped') reasons.push(messages.healthStopped);
  if (status.directoryMissing) reasons.push(messages.healthDirectoryMissing(status.path));
  if (status.layoutProblem) reasons.push(status.layoutProblem);
  if (status.overriddenAtRuntime.length > 0)
    reasons.push(messages.healthOverriddenAtRuntime(status.overriddenAtRuntime));
  if (status.startedOnFallbacks && status.lastSuccessAt === undefined)
    reasons.push(messages.healthStartedOnFallbacks);
  return { state: reasons.length > 0 ? 'degraded' : 'up', reasons };
}
