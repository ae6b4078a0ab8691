import { diffMessages } from './diff-messages.constant.js';

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * podWarningsOf tells, from a listing's `configmap` status, why the pod may not apply a ConfigMap
 * the way the diff shows: it does not watch, its directory or layout is broken, it refused its
 * latest version or some keys, it is not ready. In the library's own words: the status's error
 * texts are not repeated (the listing has them).
 */
export function podWarningsOf(status: unknown): string[] {
  if (!isObject(status)) return [];
  const warnings: string[] = [];
  const mode = status['watch_mode'];
  if (typeof mode === 'string' && mode !== 'events' && mode !== 'polling') {
    warnings.push(diffMessages.podNotWatching(mode));
  }
  if (status['directory_missing'] === true) warnings.push(diffMessages.podDirectoryMissing);
  if (typeof status['layout_problem'] === 'string') warnings.push(diffMessages.podLayoutProblem);
  // A version refused as a whole leaves an earlier one serving; one refused in part serves itself.
  // A plain directory has no version names: its refusal as a whole is told by the last result.
  const name = (value: unknown): string => (typeof value === 'string' ? value : 'none');
  const [latest, serving] = [name(status['latest_version']), name(status['version'])];
  const whole = latest !== serving || status['last_result'] === 'rejected';
  if (status['latest_refused'] === true && whole) {
    warnings.push(
      typeof status['latest_version'] === 'string'
        ? diffMessages.podLatestRefused(latest, serving)
        : diffMessages.podContentRefused,
    );
  } else if (Array.isArray(status['errors']) && status['errors'].length > 0) {
    warnings.push(diffMessages.podReloadErrors(status['errors'].length));
  }
  if (status['ready'] === false) warnings.push(diffMessages.podNotReady);
  return warnings;
}
