import { BadRequestException } from '@nestjs/common';
import { setterMessages as m } from './setter-messages.constant.js';

/** SetterBody is a set or clear request's body, checked: strings only. */
export interface SetterBody {
  readonly name: string;
  /** The text a ConfigMap key would hold (bytes as base64); a set's only. */
  readonly value?: string;
  /** Duration syntax (`15m`); a set's only, optional. */
  readonly ttl?: string;
}

/** The fields each action takes, the required ones first. */
const FIELDS = { set: ['name', 'value', 'ttl'], clear: ['name'] } as const;
const REQUIRED = { set: ['name', 'value'], clear: ['name'] } as const;

const typeOf = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;

/**
 * parseSetterBody checks a setter request's JSON body: an object with string fields `name`,
 * `value` and optional `ttl` to set, `name` alone to clear. A missing field, one of another type
 * or a field the action does not take is a 400 naming it (never showing the value: it may be a
 * secret).
 */
export function parseSetterBody(body: unknown, action: 'set' | 'clear'): SetterBody {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new BadRequestException(m.bodyNotObject);
  const given = body as Record<string, unknown>;
  const accepted: readonly string[] = FIELDS[action];
  const unknown = Object.keys(given).filter((field) => !accepted.includes(field));
  if (unknown.length > 0) throw new BadRequestException(m.fieldUnknown(unknown, accepted));
  for (const field of accepted) {
    const value = given[field];
    if (value === undefined) {
      if ((REQUIRED[action] as readonly string[]).includes(field))
        throw new BadRequestException(m.fieldMissing(field));
    } else if (typeof value !== 'string')
      throw new BadRequestException(m.fieldNotString(field, typeOf(value)));
  }
  return given as unknown as SetterBody;
}
