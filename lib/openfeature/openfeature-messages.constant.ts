import { escapeText as e } from '../errors/escape-text.util.js';

// Every parameter is escaped (`e`): flag names, domains and versions may come from the volume
// or from an application's code, and must not break or disguise a log line.
const list = (items: readonly string[]): string => items.map(e).join(', ');
const article = (word: string): string => (/^[aeiou]/.test(word) ? 'an' : 'a');

/** openFeatureMessages holds every user-facing string of `nestjs-dflag/openfeature`. */
export const openFeatureMessages = {
  sdkMissing: (cause: string) =>
    `nestjs-dflag/openfeature needs the OpenFeature server SDK, which could not be loaded (${e(cause)}): install it with "npm install @openfeature/server-sdk @openfeature/core" (@openfeature/server-sdk 1.x)`,
  flagNotFound: (flag: string, set: string) =>
    `Flag "${e(flag)}" is not declared in flag set "${e(set)}"`,
  // Flag names are not secrets (logs show them): saying why helps whoever wonders.
  sensitiveHidden: (flag: string) =>
    `Flag "${e(flag)}" is sensitive and not exposed to OpenFeature (every OpenFeature hook would receive its value); list it in exposeSensitive to read it through OpenFeature`,
  typeMismatch: (flag: string, kind: string, carried: string, asked: string) =>
    `Flag "${e(flag)}" is ${article(kind)} ${e(kind)} flag, read through OpenFeature as ${e(carried)}; it was asked for as ${e(asked)}`,
  bytesNotCarried: (flag: string) =>
    `Flag "${e(flag)}" is a bytes flag, which OpenFeature has no type for; read it with its handle's get()`,
  staleVersion: (version: string | undefined, count: number, shown: readonly string[]) =>
    `ConfigMap ${version ? `version ${e(version)}` : 'content'} was refused for ${count} flag${count === 1 ? '' : 's'}${shown.length > 0 ? ` (${list(shown)})` : ''}; the last good values serve`,
  readyAgain: (version: string | undefined) =>
    `ConfigMap ${version ? `version ${e(version)}` : 'content'} applied cleanly; every flag holds its newest value`,
  exposeUnknown: (names: readonly string[], set: string) =>
    `exposeSensitive names flags that are not declared in flag set "${e(set)}": ${list(names)}`,
  exposeNotSensitive: (names: readonly string[]) =>
    `exposeSensitive names flags that are not sensitive (they are readable anyway): ${list(names)}`,
  acceptsDomain: 'a non-empty string (the OpenFeature domain the provider is registered under)',
  acceptsExposeSensitive: 'true, false or an array of sensitive flag names',
  acceptsRegistration: "a non-empty string (the DflagModule registration's name)",
  noRegistration: (name: string | undefined) =>
    `DflagOpenFeatureModule found no DflagModule registration${name ? ` named "${e(name)}"` : ''}: import DflagModule.forRoot() (or forRootAsync()) in the application${name ? ` with name: "${e(name)}"` : ''}`,
  domainTaken: (domain: string, provider: string) =>
    `OpenFeature domain "${e(domain)}" is already bound to provider "${e(provider)}" (OpenFeature is one per process: another application or another registration holds it); give DflagOpenFeatureModule.forRoot() another domain`,
} as const;
