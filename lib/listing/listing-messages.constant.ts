import { escapeText as e } from '../errors/escape-text.util.js';
import { quoteText } from '../options/describe-value.util.js';

// Every parameter is escaped (`e`) or quoted (`quoteText`, shortened and escaped): a Host header
// or a query parameter comes from whoever sends the request.
const quotedList = (values: readonly string[]): string =>
  values.map((value) => JSON.stringify(value)).join(', ');

/** The entry point, as errors name it. */
export const LISTING_WHERE = 'DflagListingModule.register()';

/** listingMessages holds every user-facing string of the listing endpoint; parameterised ones are functions. */
export const listingMessages = {
  // Options
  acceptsPath:
    'a route path such as "/debug/flags" (letters, digits and - . _ ~ / only; no parameters, query or wildcard)',
  acceptsName: "a non-empty string (the DflagModule registration's name)",
  acceptsGuards:
    'an array of guards: CanActivate classes or instances (objects with canActivate())',
  acceptsAllowedHosts:
    'an array of host names without port or scheme (e.g. "flags.internal"), or ["*"] to turn the Host check off',
  acceptsImports: 'an array of modules (what the guards need)',
  acceptsProviders: 'an array of providers (what the guards need)',
  duplicatePath: (path: string, a: string, b: string) =>
    `Two DflagListingModule registrations serve the same path "${e(path)}" (of registrations "${e(a)}" and "${e(b)}"): give each its own path option`,
  noRegistration: (name: string) =>
    `DflagListingModule.register({ name: "${e(name)}" }) found no DflagModule registration of that name: import DflagModule.forRoot()${name === 'default' ? '' : ` with name: "${e(name)}"`} in the application`,
  // Responses (text/plain)
  hostMissing:
    'Refused: the request has no Host header. The flag listing answers only requests naming an allowed host (see the allowedHosts option of DflagListingModule.register()).',
  crossSiteFetch: (site: string) =>
    `Refused: a cross-site read (Sec-Fetch-Site: ${quoteText(site)}); the flag listing answers its own pages, a link followed to it and tools such as curl, whatever CORS the application enables`,
  crossSiteOrigin: (origin: string, host: string) =>
    `Refused: a cross-site read (Origin ${quoteText(origin)} is not the Host ${quoteText(host)}); the flag listing answers its own pages, a link followed to it and tools such as curl, whatever CORS the application enables`,
  hostRefused: (host: string) =>
    `Refused: the Host ${quoteText(host)} is not allowed for the flag listing (a defence against DNS rebinding). Allowed: localhost, IP addresses and this pod's host name; add other names to the allowedHosts option of DflagListingModule.register().`,
  badParameter: (name: string, given: string, accepted: readonly string[]) =>
    `Invalid query parameter "${e(name)}": ${quoteText(given)}; accepted: ${quotedList(accepted)}`,
  repeatedParameter: (name: string, accepted: readonly string[]) =>
    `Invalid query parameter "${e(name)}": given more than once; give one of ${quotedList(accepted)}`,
  methodNotAllowed: 'Method not allowed: the flag listing is read-only (GET or HEAD).',
  internalError: 'Internal server error (see the application log).',
  unexpectedError: (reason: string) => `The flag listing failed: ${e(reason)}`,
  // HTML page
  pageTitle: (hostname: string) => `Flags on ${hostname}`,
  pendingRestartHeading: 'Pending restart',
  pendingRestartNote:
    'The ConfigMap holds another value for these static flags: they take effect when the pod restarts.',
  reloadErrorsHeading: 'Refused by the last reload',
  reloadWarningsHeading: 'Warnings of the last reload',
  notReady: 'Not ready: started on fallbacks for refused values of',
  noFlags: 'No flags match.',
  redactedNote: 'Sensitive values are shown as [redacted].',
} as const;
