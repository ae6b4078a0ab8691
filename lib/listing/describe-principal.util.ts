import { DFLAG_PRINCIPAL } from '../runtime/bearer-token.guard.js';

/** The longest principal the setter logs and answers with. */
const MAX_PRINCIPAL = 200;

/** The fields of a passport `request.user` that name who it is, in the order tried. */
const USER_FIELDS = ['username', 'name', 'id', 'sub'] as const;

const shown = (value: unknown): string | undefined => {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  return value.length > MAX_PRINCIPAL ? `${value.slice(0, MAX_PRINCIPAL)}…` : value;
};

/**
 * describePrincipal names who sent a setter request, for its log lines and answer: what a guard
 * put in `request[DFLAG_PRINCIPAL]`, else passport's `request.user` by its `username`, `name`,
 * `id` or `sub` (a string user as it is); undefined when none says. Never a whole object (a user
 * record can hold tokens); the messages escape what this returns.
 */
export function describePrincipal(request: Readonly<Record<string, unknown>>): string | undefined {
  const given = shown(request[DFLAG_PRINCIPAL]);
  if (given !== undefined) return given;
  const user = request.user;
  if (typeof user === 'string') return shown(user);
  if (typeof user !== 'object' || user === null) return undefined;
  for (const field of USER_FIELDS) {
    const name = shown((user as Record<string, unknown>)[field]);
    if (name !== undefined) return name;
  }
  return undefined;
}
