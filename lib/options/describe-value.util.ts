import { messages } from '../errors/messages.constant.js';

/** The longest part of a string value an error quotes. */
const MAX_QUOTED = 40;

/**
 * describeValue names the kind of a refused option value, with the value
 * itself when it is short and plain (options are not secrets, but a string
 * is shortened and escaped so that it cannot bloat or forge a log line):
 * `NaN (…)`, `the number 1.5`, `the string "5000"`, `null`, `an array`,
 * `an object`, `the function log`, `an instance of Foo`.
 */
export function describeValue(value: unknown): string {
  switch (typeof value) {
    case 'undefined':
      return 'undefined';
    case 'number':
      if (Number.isNaN(value)) return messages.valueIsNaN;
      return Number.isFinite(value) ? `the number ${value}` : String(value);
    case 'string': {
      const shown = value.length > MAX_QUOTED ? `${value.slice(0, MAX_QUOTED)}…` : value;
      return `the string ${JSON.stringify(shown)}`;
    }
    case 'boolean':
      return String(value);
    case 'bigint':
      return `the bigint ${value}n`;
    case 'symbol':
      return 'a symbol';
    case 'function':
      return value.name ? `the function ${value.name}` : 'a function';
    default: {
      if (value === null) return 'null';
      if (Array.isArray(value)) return 'an array';
      const name = (Object.getPrototypeOf(value) as { constructor?: { name?: string } } | null)
        ?.constructor?.name;
      return !name || name === 'Object' ? 'an object' : `an instance of ${name}`;
    }
  }
}
