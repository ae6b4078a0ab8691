import { escapeText as e } from '../errors/escape-text.util.js';
import { quoteText } from '../options/describe-value.util.js';

/** The setter option, as errors name it. */
export const SETTER_WHERE = 'DflagListingModule.register({ setter })';

/** The example guard the setup errors suggest. */
const GUARD_EXAMPLE = 'guards: [new BearerTokenGuard({ file: "/etc/dflag-token/token" })]';

/** setterMessages holds every user-facing string of the setter's HTTP side; parameterised ones are functions. */
/** What a setter body must be, for the messages refusing one. */
const BODY_SHAPE =
  'a JSON object: {"name": "flag", "value": "text", "ttl": "15m"} to set, {"name": "flag"} to remove';

export const setterMessages = {
  // Options
  acceptsSetter:
    'an object: { allow, guards, allowSensitive?, defaultTtl?, maxTtl? } (leave it out to keep the listing read-only)',
  acceptsGuards: `a non-empty array of guards (CanActivate classes or instances) deciding who may set flags at run time, e.g. ${GUARD_EXAMPLE}; the setter is never served without one`,
  acceptsAllow:
    'an array of flag names, or a predicate (flag) => boolean, naming the dynamic flags that may be set at run time',
  acceptsAllowSensitive: 'an array of sensitive flag names that may be set at run time too',
  acceptsTtl: 'a duration of at least 1s such as "15m" or "1h30m"',
  acceptsClock:
    'an object with monotonicNow(), wallNow(), setTimer() and clearTimer() (a test seam)',
  twoSetters: (registration: string, a: string, b: string) =>
    `Two DflagListingModule registrations serve a setter for the registration "${e(registration)}" (on "${e(a)}" and "${e(b)}"): give the setter option to one of them only`,
  // Responses (JSON `message`)
  methodNotAllowed:
    'Method not allowed: the setter takes POST (set a value) or DELETE (remove it), with a JSON body.',
  contentType: (given: string | undefined) =>
    `Unsupported media type${given ? ` ${quoteText(given)}` : ''}: the setter takes a JSON body only (Content-Type: application/json)`,
  crossSiteFetch: (site: string) =>
    `Refused: a cross-site request (Sec-Fetch-Site: ${quoteText(site)}); the setter answers only requests from its own pages or from tools such as curl`,
  crossSiteOrigin: (origin: string, host: string) =>
    `Refused: a cross-site request (Origin ${quoteText(origin)} is not the Host ${quoteText(host)}); the setter answers only requests from its own pages or from tools such as curl`,
  tooLarge: (limit: number) =>
    `Payload too large: the setter's body is limited to ${limit} bytes (a value of 1 MiB plus the JSON envelope)`,
  parserTooLarge: (limit: number) =>
    `Payload too large for the application's JSON body parser (Express's default limit is 100 KiB: raise it with app.useBodyParser('json', { limit: '2mb' })); the setter itself takes up to ${limit} bytes`,
  bodyUnreadable:
    'Unsupported body: the setter takes an uncompressed UTF-8 JSON body (Content-Type: application/json, no Content-Encoding, charset utf-8 if any)',
  bodyNotJson: `The body is not valid JSON (what the parser said is not shown: the body may hold a secret); it must be ${BODY_SHAPE}`,
  bodyNotObject: `The body must be ${BODY_SHAPE}`,
  fieldMissing: (field: string) => `The body has no "${e(field)}": it must be a string`,
  fieldNotString: (field: string, type: string) =>
    `The body's "${e(field)}" is ${e(type)}: it must be a string${field === 'value' ? ' (the text a ConfigMap key would hold; bytes as base64)' : ''}`,
  fieldUnknown: (fields: readonly string[], accepted: readonly string[]) =>
    `The body has fields the setter does not take: ${fields.map((f) => quoteText(f)).join(', ')}; accepted: ${accepted.map((f) => `"${f}"`).join(', ')}`,
  internalError: 'Internal server error (see the application log).',
  unexpectedError: (reason: string) => `The runtime setter failed: ${e(reason)}`,
  // HTML page
  overridesHeading: 'Overridden at run time',
  overridesNote:
    'These values were set at run time on this pod only; each falls back to its ConfigMap value when it expires or is removed.',
  overrideItem: (name: string, until: string | null) => `${name}${until ? ` until ${until}` : ''}`,
  setterHeading: 'Set at run time',
} as const;
