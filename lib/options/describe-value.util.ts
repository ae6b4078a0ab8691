import { messages } from '../errors/messages.constant.js';

/** The longest part of a string an error quotes. */
const MAX_QUOTED = 40;
/** Characters that could disguise a log line: C1 controls, zero-width and bidi marks, line separators. */
const DISGUISING = /[\u0080-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]/g;

/**
 * quoteText quotes a string for an error message: shortened, and escaped
 * (JSON escapes, plus every character that could disguise a log line), so
 * that it can neither bloat nor forge a log entry.
 */
export function quoteText(text: string): string {
  const shown = text.length > MAX_QUOTED ? `${text.slice(0, MAX_QUOTED)}…` : text;
  return JSON.stringify(shown).replace(
    DISGUISING,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

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
    case 'string':
      return `the string ${quoteText(value)}`;
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
