import { arrayRule, nonEmptyStringRule } from '../options/option-rules.util.js';
import type { OptionRule, OptionRules } from '../options/option-rule.interface.js';
import { listingMessages } from './listing-messages.constant.js';
import { isGuard } from './is-guard.util.js';
import { setterRule } from './setter-option-rules.constant.js';

/** A static route: segments of unreserved characters (no `:param`, `*`, query or fragment). */
const ROUTE = /^\/?[A-Za-z0-9._~-]+(?:\/[A-Za-z0-9._~-]+)*\/?$/;
/** A host name (letters, digits, `-`, `.`, `_`) or an IP address literal (v6 in brackets or bare). */
const HOST = /^(?:[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*\.?|\[?[0-9A-Fa-f:.]+\]?)$/;

const pathRule: OptionRule = {
  accepts: listingMessages.acceptsPath,
  valid: (value) => typeof value === 'string' && ROUTE.test(value),
};

const guardsRule: OptionRule = {
  accepts: listingMessages.acceptsGuards,
  valid: (value) => Array.isArray(value) && value.every(isGuard),
};

const allowedHostsRule: OptionRule = {
  accepts: listingMessages.acceptsAllowedHosts,
  valid: (value) =>
    Array.isArray(value) &&
    value.every((host) => typeof host === 'string' && (host === '*' || HOST.test(host))),
};

/** The rules of `DflagListingModule.register()`'s options, in the order errors list them. */
export const LISTING_OPTION_RULES: OptionRules = {
  path: pathRule,
  name: nonEmptyStringRule(listingMessages.acceptsName),
  guards: guardsRule,
  allowedHosts: allowedHostsRule,
  imports: arrayRule(listingMessages.acceptsImports),
  providers: arrayRule(listingMessages.acceptsProviders),
  setter: setterRule,
};
