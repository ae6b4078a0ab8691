import { volumeMessages } from './volume-messages.constant.js';
import { MAX_KEY_LENGTH, MAX_PATH_LENGTH } from './kubelet.constants.js';

const KEY_CHARACTERS = /^[-._a-zA-Z0-9]+$/;

/**
 * keyNameProblem tells why `name` is not a valid ConfigMap key (the Kubernetes rule: 1-253
 * characters of `[-._a-zA-Z0-9]`, never `.` or `..` nor starting with `..`), or returns
 * `undefined` when it is valid. A single leading dot (`.env`) is legal.
 */
export function keyNameProblem(name: string): string | undefined {
  if (name === '') return volumeMessages.empty;
  if (name === '.' || name === '..') return volumeMessages.dotSegment(name);
  if (name.startsWith('..')) return volumeMessages.dotDotPrefix(name);
  if (!KEY_CHARACTERS.test(name)) return volumeMessages.badCharacters(name);
  // The pattern is ASCII-only, so characters and bytes agree here.
  if (name.length > MAX_KEY_LENGTH) return volumeMessages.componentTooLong(name);
  return undefined;
}

/**
 * keyPathProblems lists every reason why `path` cannot be a path inside a ConfigMap volume:
 * it must be relative, at most 4096 bytes, and each `/`-separated component must be a valid key
 * (see {@link keyNameProblem}). Returns an empty array for a valid path.
 */
export function keyPathProblems(path: string): string[] {
  if (path === '') return [volumeMessages.empty];
  const problems: string[] = [];
  if (path.startsWith('/')) problems.push(volumeMessages.absolute);
  if (Buffer.byteLength(path) > MAX_PATH_LENGTH) problems.push(volumeMessages.pathTooLong);
  const components = path.split('/');
  const inner = path.startsWith('/') ? components.slice(1) : components;
  if (inner.includes('')) problems.push(volumeMessages.emptyComponent);
  for (const component of new Set(inner)) {
    if (component === '') continue;
    const problem = keyNameProblem(component);
    if (problem !== undefined) problems.push(problem);
  }
  return problems;
}
