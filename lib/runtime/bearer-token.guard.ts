import { UnauthorizedException } from '@nestjs/common';
import type { CanActivate, ExecutionContext } from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { DflagSetupError } from '../errors/dflag-setup.error.js';
import { runtimeMessages as m } from './runtime-messages.constant.js';

/** Where the expected token comes from: a file (a mounted Secret) or an environment variable. */
export type BearerTokenSource =
  | {
      /** A file holding the token (a mounted Secret's key); re-read on every request. */
      readonly file: string;
      /** Not with `file`. */
      readonly env?: never;
    }
  | {
      /** An environment variable holding the token. */
      readonly env: string;
      /** Not with `env`. */
      readonly file?: never;
    };

/** BearerTokenGuardOptions: the token's source, and the principal it stands for in logs. */
export type BearerTokenGuardOptions = BearerTokenSource & {
  /**
   * Who a request with the token is, as the setter's log lines and responses name it.
   * @default 'bearer-token'
   */
  readonly principal?: string;
};

/** The principal a guard attaches to the request, for the setter's log lines. */
export const DFLAG_PRINCIPAL = 'dflagPrincipal';

const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

/**
 * BearerTokenGuard admits a request whose `Authorization: Bearer <token>` equals the expected
 * token, compared in constant time (both sides hashed first, so neither the content nor the
 * length leaks through timing). The file is read on every request, so a rotated Secret applies
 * at once; a missing or empty token admits nobody (fail closed). An example of a guard for the
 * setter and the listing; any Nest `CanActivate` does.
 */
export class BearerTokenGuard implements CanActivate {
  private readonly principal: string;

  constructor(private readonly options: BearerTokenGuardOptions) {
    const given = [options.file, options.env].filter((v) => v !== undefined);
    if (given.length !== 1 || given.some((v) => typeof v !== 'string' || v === ''))
      throw new DflagSetupError(m.bearerSource);
    this.principal = options.principal ?? 'bearer-token';
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Record<string, unknown>>();
    const headers = (request.headers ?? {}) as Record<string, string | string[] | undefined>;
    const header = headers.authorization;
    const match = typeof header === 'string' ? /^Bearer +(\S+) *$/i.exec(header) : null;
    const expected = await this.expected();
    if (!match || expected === undefined || !timingSafeEqual(digest(match[1]!), digest(expected)))
      throw new UnauthorizedException(m.bearerRefused);
    request[DFLAG_PRINCIPAL] = this.principal;
    return true;
  }

  private async expected(): Promise<string | undefined> {
    let token: string | undefined;
    if (this.options.file !== undefined) {
      try {
        token = await readFile(this.options.file, 'utf8');
      } catch {
        token = undefined;
      }
    } else token = process.env[this.options.env];
    token = token?.trim();
    return token ? token : undefined;
  }
}
