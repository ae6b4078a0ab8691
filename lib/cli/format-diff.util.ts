import { redact } from '../flags/redact.util.js';
import { cliMessages } from './cli-messages.constant.js';
import { diffMessages } from './diff-messages.constant.js';
import type { DiffEntry, DiffReport, DiffValue } from './diff-report.interface.js';
import { DIFF_STATUSES } from './diff-report.interface.js';

/** describe names a value for a line: `250`, `30s (its default)`, `its default` when not known. */
function describe(value: DiffValue | null): string {
  if (value === null || value.value === null) {
    return diffMessages.unknownValueFrom(value?.source ?? null);
  }
  // Shortened as errors quote values: a 1 MiB JSON value would not make a line (--json has it
  // whole). An empty value is shown as "", not as nothing.
  const text = value.value === '' ? '""' : redact(false, value.value);
  return diffMessages.valueFrom(text, value.source);
}

/** formatEntry writes one key's line. */
export function formatEntry(entry: DiffEntry): string {
  const restart = entry.restart ? diffMessages.restartSuffix : '';
  const notes = diffMessages.notesSuffix(entry.notes);
  switch (entry.status) {
    case 'unchanged':
      return diffMessages.unchangedLine(entry.key) + notes;
    case 'changed':
      return (
        diffMessages.changedLine(entry.key, describe(entry.old), describe(entry.new)) +
        restart +
        notes
      );
    case 'refused':
      return diffMessages.refusedLine(entry.key, entry.reason ?? '', describe(entry.old)) + notes;
    case 'removed':
      return (
        diffMessages.removedLine(
          entry.key,
          entry.old?.value == null ? null : describe(entry.old),
          describe(entry.new),
        ) +
        restart +
        notes
      );
    case 'unknown':
      return diffMessages.unknownLine(entry.key, entry.reason ?? '') + notes;
    case 'undetermined':
      return diffMessages.undeterminedLine(entry.key) + restart + notes;
  }
}

/**
 * formatDiff writes a diff as lines: one per key, sorted by key; a note on how values were
 * compared when --flags was not given; the summary line.
 */
export function formatDiff(report: DiffReport): string {
  const { against } = report;
  const target =
    against.kind === 'listing'
      ? diffMessages.listingTarget(against.url, against.hostname)
      : against.path;
  const counts = Object.fromEntries(DIFF_STATUSES.map((status) => [status, report.counts[status]]));
  const lines = [
    ...report.keys.map(formatEntry),
    ...(report.compared === 'types' ? [diffMessages.noteLine(diffMessages.typesOnly)] : []),
    ...(report.compared === 'text' ? [diffMessages.noteLine(diffMessages.textOnly)] : []),
    ...(against.kind === 'listing' ? against.pod_warnings.map(diffMessages.warningLine) : []),
    diffMessages.summaryLine(
      cliMessages.sources(report.sources),
      target,
      diffMessages.counts(counts),
      report.differs,
    ),
  ];
  return `${lines.join('\n')}\n`;
}
