import { escapeLines } from '../errors/escape-text.util.js';

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * escapeHtml makes text safe as HTML element content or a quoted attribute
 * value: `& < > " '` become entities. Control and bidirectional characters
 * are first made visible (`\u202e`, see `escapeLines`), line breaks kept,
 * so that a value cannot disguise what the page shows.
 */
export function escapeHtml(text: string): string {
  return escapeLines(text).replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}
