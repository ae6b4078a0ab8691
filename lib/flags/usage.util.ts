import { escapeText } from '../errors/escape-text.util.js';
import type { Flag } from './flag.js';

const pad = (rows: string[][]): string => {
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((row) => row[col]!.length)));
  return rows
    .map((row) =>
      row
        .map((cell, col) => (col === row.length - 1 ? cell : cell.padEnd(widths[col]!)))
        .join('  '),
    )
    .join('\n');
};

/**
 * usageTable renders the `--help` table: one row per flag with its name, type,
 * default (redacted when sensitive), static/dynamic and description (escaped, so that each
 * row stays one line).
 */
export function usageTable(flags: Iterable<Flag<unknown>>, heading = 'Flags:'): string {
  const rows = [['FLAG', 'TYPE', 'DEFAULT', 'MODE', 'DESCRIPTION']];
  for (const f of flags) {
    const isBool = f.kind === 'bool';
    rows.push([
      isBool ? `--[no-]${f.name}` : `--${f.name}=VALUE`,
      f.kind,
      escapeText(f.format(f.defaultValue)) || '""',
      f.dynamic ? 'dynamic' : 'static',
      escapeText(f.description),
    ]);
  }
  return `${heading}\n${pad(rows)
    .split('\n')
    .map((line) => `  ${line.trimEnd()}`)
    .join('\n')}\n`;
}
