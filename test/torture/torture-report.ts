import type { TortureReport } from './torture-run.js';

const mib = (n: number): string => `${n.toFixed(1)} MiB`;

/** formatTortureReport gives the figures of a run, one line each. */
export function formatTortureReport(report: TortureReport): string {
  const c = report.counts;
  const { baseline, highest, end } = report.resources;
  const lines = [
    `torture ${report.scenario} (seed ${report.seed}, ${report.policy}): ${(report.durationMs / 1000).toFixed(1)} s`,
    `  writes ${c.writes} (${c.noOpWrites} without a swap, ${c.bursts} bursts (${c.busyPhases} into a blocked event loop), ${c.fsGroupWalks} fsGroup walks, ${c.checkpoints} checkpoints)`,
    `  reloads ${c.reloads} (${c.skippedVersions} versions skipped), events ${c.events}, log lines ${c.logLines}`,
    `  reader samples ${c.samples} (${c.listenerSamples} inside listeners, ${c.samplesAhead} between tasks ahead of their report)`,
    `  fds ${baseline.fds} -> ${end.fds} (max ${highest.fds}), watchers ${baseline.watchers} -> ${end.watchers} (max ${highest.watchers}), timers ${baseline.timers} -> ${end.timers} (max ${highest.timers}), listeners ${baseline.listeners} -> ${end.listeners} (max ${highest.listeners})`,
    `  heap after GC ${mib(baseline.heapMiB)} at the first checkpoint -> ${mib(end.heapMiB)} at the end (at each: ${report.resources.heapMiB.map((h) => h.toFixed(1)).join(', ')})`,
    `  violations ${report.violationTotal}`,
    ...report.violations.map((v) => `    - ${v}`),
  ];
  if (report.violationTotal > report.violations.length) {
    lines.push(`    … and ${report.violationTotal - report.violations.length} more`);
  }
  return lines.join('\n');
}
