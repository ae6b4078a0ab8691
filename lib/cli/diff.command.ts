import { ManifestError } from '../configmap/manifest/manifest.error.js';
import { errorMessage } from '../errors/error-message.util.js';
import { parseDuration } from '../flags/codecs/duration.codec.js';
import type { CliCommand } from './cli-command.interface.js';
import type { CliIo } from './cli-io.interface.js';
import { cliMessages } from './cli-messages.constant.js';
import { CliUsageError } from './cli-usage.error.js';
import { compareKeys } from './compare-keys.util.js';
import { diffMessages } from './diff-messages.constant.js';
import type { DiffTarget } from './diff-target.interface.js';
import { ExitCode } from './exit-code.constant.js';
import { fetchListing } from './fetch-listing.util.js';
import type { ExportedFlagSet } from './flag-set-like.interface.js';
import { formatDiff } from './format-diff.util.js';
import { loadFlagSets } from './load-flag-sets.util.js';
import type { VolumeSource } from './load-volume-sources.util.js';
import { loadVolumeSources } from './load-volume-sources.util.js';
import { parseCommandArgs } from './parse-command-args.util.js';
import { parseHeaderOptions } from './parse-header-option.util.js';
import { projectSources } from './project-sources.util.js';
import { readDirectoryTarget } from './read-directory-target.util.js';
import { STDIN } from './read-manifest-input.util.js';

const NAME = 'diff';

/** DEFAULT_TIMEOUT is how long `dflag diff` waits for a listing by default. */
const DEFAULT_TIMEOUT = '10s';

const OPTIONS = {
  filename: { type: 'string', short: 'f', multiple: true },
  against: { type: 'string' },
  flags: { type: 'string' },
  name: { type: 'string', multiple: true },
  header: { type: 'string', short: 'H', multiple: true },
  timeout: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const HTTP_URL = /^https?:\/\//i;
const OTHER_URL = /^[a-z][a-z0-9+.-]*:\/\//i;

/** TargetArgs is where to look, read from the command line. */
type TargetArgs =
  | {
      kind: 'listing';
      url: string;
      headers: [string, string][];
      timeoutMs: number;
      timeout: string;
    }
  | { kind: 'directory'; dir: string };

/** readTargetArgs checks `--against`, `-H` and `--timeout`. @throws CliUsageError */
function readTargetArgs(
  against: string,
  headers: readonly string[] | undefined,
  timeout: string | undefined,
): TargetArgs {
  if (!HTTP_URL.test(against)) {
    if (OTHER_URL.test(against)) throw new CliUsageError(diffMessages.badTarget(against));
    if (headers !== undefined || timeout !== undefined) {
      throw new CliUsageError(diffMessages.urlOnlyOptions);
    }
    return { kind: 'directory', dir: against };
  }
  let url: URL;
  try {
    url = new URL(against);
  } catch {
    throw new CliUsageError(diffMessages.badTarget(against));
  }
  if (url.username !== '' || url.password !== '') {
    throw new CliUsageError(diffMessages.credentialsInUrl);
  }
  const text = timeout ?? DEFAULT_TIMEOUT;
  let timeoutMs: number;
  try {
    timeoutMs = parseDuration(text);
  } catch {
    throw new CliUsageError(diffMessages.badTimeout(text));
  }
  if (!(timeoutMs >= 1) || timeoutMs > 2 ** 31 - 1) {
    throw new CliUsageError(diffMessages.badTimeout(text));
  }
  return {
    kind: 'listing',
    url: against,
    headers: parseHeaderOptions(headers ?? []),
    timeoutMs: Math.round(timeoutMs),
    timeout: text,
  };
}

async function run(argv: readonly string[], io: Required<CliIo>): Promise<number> {
  const values = parseCommandArgs(NAME, argv, OPTIONS);
  if (values.help === true) {
    io.stdout(diffMessages.usage);
    return ExitCode.Ok;
  }
  const { filename: files, against, flags, name: names } = values;
  if (files === undefined) {
    throw new CliUsageError(cliMessages.missingOption(NAME, '-f <manifest.yaml>'));
  }
  if (against === undefined) {
    throw new CliUsageError(cliMessages.missingOption(NAME, '--against <dir | URL>'));
  }
  if (files.filter((file) => file === STDIN).length > 1) {
    throw new CliUsageError(cliMessages.stdinTwice(NAME));
  }
  const targetArgs = readTargetArgs(against, values.header, values.timeout);
  // Every failure from here on is trouble (2), as diff(1) has it: no diff could be made.
  const trouble = (message: string): number => {
    io.stderr(`${cliMessages.failed(NAME, message)}\n`);
    return ExitCode.Usage;
  };
  try {
    let sets: ExportedFlagSet[] | undefined;
    if (flags !== undefined) sets = await loadFlagSets(flags, io.cwd);

    let sources: VolumeSource[];
    try {
      sources = await loadVolumeSources(files, names, io);
    } catch (error) {
      return trouble(errorMessage(error));
    }
    const { conflicts } = projectSources(sources);
    if (conflicts.length > 0) {
      const inputs = [...new Set(sources.map((s) => s.input))].join(', ');
      return trouble(new ManifestError(inputs, conflicts).message);
    }

    const target: DiffTarget =
      targetArgs.kind === 'listing'
        ? await fetchListing(targetArgs.url, {
            headers: targetArgs.headers,
            timeoutMs: targetArgs.timeoutMs,
            timeoutText: targetArgs.timeout,
          })
        : readDirectoryTarget(targetArgs.dir, io.cwd);
    if (target.kind === 'directory') {
      for (const warning of target.warnings) io.stderr(`${diffMessages.warningLine(warning)}\n`);
    }

    const report = compareKeys({
      sources: sources.map((s) => s.manifest),
      target,
      sets: sets?.map((s) => s.set),
    });
    io.stdout(values.json === true ? `${JSON.stringify(report, null, 2)}\n` : formatDiff(report));
    return report.differs ? ExitCode.Failure : ExitCode.Ok;
  } catch (error) {
    // A flags module that cannot be loaded, an unreachable listing, an unreadable directory —
    // and anything unexpected: none of them is a verdict on the manifest.
    return trouble(errorMessage(error));
  }
}

/**
 * diffCommand is `dflag diff -f <manifest.yaml> [-f …] --against <dir | URL> [--flags
 * <module.js>] [--name <name> …] [-H "Name: value" …] [--timeout <duration>] [--json]`: it
 * previews, key by key, what applying ConfigMaps and Secrets would do on one pod (its listing)
 * or to a mounted directory, and exits like diff(1): 0 nothing would change, 1 something would,
 * 2 trouble.
 */
export const diffCommand: CliCommand = {
  name: NAME,
  summary: diffMessages.summary,
  usage: diffMessages.usage,
  run,
};
