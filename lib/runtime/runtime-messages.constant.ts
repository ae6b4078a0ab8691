import { escapeText as e } from '../errors/escape-text.util.js';

const by = (principal: string | undefined): string => (principal ? ` by ${e(principal)}` : '');
const list = (items: readonly string[]): string => items.map(e).join(', ');

/** runtimeMessages holds every user-facing string of the runtime setter. */
export const runtimeMessages = {
  origin: 'the runtime setter',
  notSettable: (name: string) =>
    `Flag "${e(name)}" cannot be set at run time: no flag of that name is in the setter's allow list`,
  sensitiveNotAllowed: (name: string) =>
    `Flag "${e(name)}" is sensitive and cannot be set at run time: a value in a request body ends up in proxies' and APM agents' captures; to allow it anyway, add it to allowSensitive`,
  staticFlag: (name: string) =>
    `Flag "${e(name)}" is static: it is read once at start, so a runtime value would never apply; change it in the ConfigMap and restart`,
  badBase64: (name: string) =>
    `Flag "${e(name)}" holds bytes: its value must be base64 text (as a ConfigMap's binaryData), e.g. "aGVsbG8="`,
  badTtl: (ttl: string, reason: string) =>
    `ttl "${e(ttl)}" is refused: ${e(reason)}; expected a duration of at least 1s such as "15m" or "1h30m"`,
  ttlNotPositive: 'it is not positive',
  ttlTooShort: 'it is shorter than 1s',
  ttlTooLong: (ttl: string, max: string) =>
    `ttl "${e(ttl)}" is longer than the maximum ${e(max)} (the setter's maxTtl); ask for ${e(max)} or less`,
  setLine: (name: string, shown: string, until: Date, ttl: string, principal: string | undefined) =>
    `Flag "${e(name)}" set at run time to ${e(shown)} until ${until.toISOString()} (${e(ttl)})${by(principal)}; it falls back to its ConfigMap value then`,
  clearedLine: (name: string, principal: string | undefined) =>
    `Flag "${e(name)}": its runtime value was removed${by(principal)}; it falls back to its ConfigMap value`,
  expiredLine: (name: string) =>
    `Flag "${e(name)}": its runtime value expired; it falls back to its ConfigMap value`,
  optionUnknownFlags: (names: readonly string[]) =>
    `The runtime setter's allow list names flags that are not declared: ${list(names)}`,
  optionStaticFlags: (names: readonly string[]) =>
    `The runtime setter's allow list names static flags, which a runtime value would never change: ${list(names)}`,
  optionSensitiveNotAllowed: (names: readonly string[]) =>
    `allowSensitive names flags that are not sensitive or not in the allow list: ${list(names)}`,
  optionTtl: (option: string, value: unknown) =>
    `The runtime setter's ${e(option)} must be a duration of at least 1s such as "15m" (got ${e(JSON.stringify(value) ?? String(value))})`,
  bearerSource:
    'BearerTokenGuard needs exactly one source of its token: { file: "/path/to/token" } (a mounted Secret) or { env: "VARIABLE" }',
  bearerRefused: 'a valid "Authorization: Bearer <token>" header is required',
  optionTtlOrder: (defaultTtl: string, maxTtl: string) =>
    `The runtime setter's defaultTtl (${e(defaultTtl)}) is longer than its maxTtl (${e(maxTtl)})`,
};
