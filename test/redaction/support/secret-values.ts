import { flagSet } from './audit-flags.js';

/**
 * The versions the audit writes, each key a ConfigMap file. Every value of a sensitive key is a
 * secret: short ones, numbers, one equal to a part of its flag's name (`token` in `api_token`),
 * one its validator quotes when it throws (`sk_live_…`), one its parser refuses (`7x3`).
 */
export const VERSIONS = {
  start: { api_token: 'token', pin: '4821', db_password: 'pw_static_9Zk', rate: '1' },
  /** Applied: every dynamic key changes; the static password is pending restart. */
  changed: { api_token: 'hunter2', pin: '73', db_password: 'pw_next_7Yq', rate: '2' },
  /** Partial: the token's validator throws quoting it, the PIN does not parse; rate applies. */
  refused: { api_token: 'sk_live_X9q', pin: '7x3', db_password: 'pw_next_7Yq', rate: '3' },
  /** Only secrets change: the published checksums must not move. */
  secretOnly: { api_token: 'hunter3', pin: '74', db_password: 'pw_next_7Yq', rate: '3' },
} as const;

/** The value `override()` sets at run time (another source than the ConfigMap). */
export const OVERRIDE_SECRET = 'ovr_S3cret';

/** Every secret the audit uses, and the forms a parser or validator could derive from them. */
export const SECRETS: readonly string[] = [
  ...new Set([
    ...Object.values(VERSIONS).flatMap((v) => [v.api_token, v.pin, v.db_password]),
    OVERRIDE_SECRET,
    'X9q', // the live key's tail, which a message could quote alone
    'S3cret',
    'default_tok', // the defaults of sensitive flags are secrets too
    'default_pw',
  ]),
];

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * secretsIn returns the secrets that occur in `text` as a token of their own: every flag name is
 * blanked out first (so `token` inside `api_token` does not count), and a secret counts only when
 * no letter, digit or `_` touches it (so `73` inside `1733` or `0.73` does not count, `"73"`,
 * `: 73` or `73.` do).
 */
export function secretsIn(text: string): string[] {
  let blanked = text;
  for (const name of [...flagSet].map((f) => f.name).sort((a, b) => b.length - a.length))
    blanked = blanked.replaceAll(name, '<flag>');
  return SECRETS.filter((secret) =>
    new RegExp(`(?<![A-Za-z0-9_.])${escapeRegExp(secret)}(?![A-Za-z0-9_])`).test(blanked),
  );
}

/** expectNoSecret fails naming each secret found in `text` (and the surface, for the message). */
export function expectNoSecret(surface: string, text: string): void {
  expect(secretsIn(text), `secrets found in ${surface}`).toEqual([]);
  expect(text.length, `${surface} is empty: the audit would prove nothing`).toBeGreaterThan(0);
}
