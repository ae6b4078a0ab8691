import type { ConfigMapManifest } from '../configmap/manifest/configmap-manifest.interface.js';
import { ManifestError } from '../configmap/manifest/manifest.error.js';
import { parseConfigMapManifest } from '../configmap/manifest/parse-manifest.js';
import { checkManifest } from './check-manifest.util.js';
import type { CliCommand } from './cli-command.interface.js';
import type { CliIo } from './cli-io.interface.js';
import { cliMessages } from './cli-messages.constant.js';
import { CliUsageError } from './cli-usage.error.js';
import { ExitCode } from './exit-code.constant.js';
import type { ExportedFlagSet } from './flag-set-like.interface.js';
import { FlagsModuleError } from './flags-module.error.js';
import { loadFlagSets } from './load-flag-sets.util.js';
import { parseCommandArgs } from './parse-command-args.util.js';
import { inputName, readManifestInput } from './read-manifest-input.util.js';
import type { ValidationReport } from './validation-report.interface.js';
import { errorMessage } from '../errors/error-message.util.js';
import { checkGoCompat } from './go-compat/check-go-compat.util.js';
import type { FlagSetLike } from './flag-set-like.interface.js';

const NAME = 'validate';

const OPTIONS = {
  filename: { type: 'string', short: 'f' },
  flags: { type: 'string' },
  name: { type: 'string' },
  strict: { type: 'boolean' },
  json: { type: 'boolean' },
  verbose: { type: 'boolean' },
  'go-compat': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/**
 * formatReport writes a report as lines: errors, then warnings, notes (with `verbose` only: a
 * note per static flag is noise in CI) and a summary.
 */
function formatReport(report: ValidationReport, file: string, verbose: boolean): string {
  const notes = verbose ? report.notes : [];
  const lines = [
    ...report.errors.map(({ key, message }) => cliMessages.problemLine(key ?? file, message)),
    ...report.warnings.map(({ key, message }) => cliMessages.warningLine(key ?? file, message)),
    ...notes.map(({ key, message }) => cliMessages.noteLine(key ?? file, message)),
    report.configMap === null
      ? cliMessages.manifestRefused(file, report.errors.length)
      : cliMessages.validated(
          report.kind ?? 'ConfigMap',
          report.configMap,
          { checked: report.checked, keys: report.keys, flags: report.flags },
          {
            errors: report.errors.length,
            warnings: report.warnings.length,
            notes: report.notes.length,
            notesShown: verbose,
          },
        ),
  ];
  return `${lines.join('\n')}\n`;
}

/**
 * refusedReport reports a manifest refused for its content: its problems (never quoting a value: a
 * key may hold a secret), plus the checks of every key that could still be read, so that one run
 * shows every problem.
 */
function refusedReport(
  error: ManifestError,
  sets: readonly ExportedFlagSet[],
  strict: boolean,
): ValidationReport {
  const manifestErrors = error.problems.map((message) => ({ key: null, message }));
  if (error.partial === undefined) {
    const names = new Set<string>();
    for (const { set } of sets) for (const flag of set) names.add(flag.name);
    return {
      kind: null,
      configMap: null,
      ok: false,
      errors: manifestErrors,
      warnings: [],
      notes: [],
      checked: 0,
      keys: 0,
      flags: names.size,
    };
  }
  const keys = checkManifest(
    error.partial,
    sets.map(({ set }) => set),
    { strict },
    error.keyCount,
  );
  return {
    ...keys,
    configMap: error.partial.name === '' ? null : error.partial.name,
    ok: false,
    errors: [...manifestErrors, ...keys.errors],
  };
}

/**
 * withGoCompat adds the `--go-compat` lines to a report: warnings (errors under `strict`, which
 * then fail the run) and notes.
 */
function withGoCompat(
  report: ValidationReport,
  manifest: ConfigMapManifest,
  sets: readonly FlagSetLike[],
  file: string,
  strict: boolean,
): ValidationReport {
  const found = checkGoCompat(manifest, sets, { file, strict });
  const errors = [...report.errors, ...found.errors];
  return {
    ...report,
    ok: errors.length === 0,
    errors,
    warnings: [...report.warnings, ...found.warnings],
    notes: [...report.notes, ...found.notes],
  };
}

async function run(argv: readonly string[], io: Required<CliIo>): Promise<number> {
  const values = parseCommandArgs(NAME, argv, OPTIONS);
  if (values.help === true) {
    io.stdout(cliMessages.validateUsage);
    return ExitCode.Ok;
  }
  const { filename, flags, name } = values;
  if (filename === undefined) {
    throw new CliUsageError(cliMessages.missingOption(NAME, '-f <manifest.yaml>'));
  }
  const goCompat = values['go-compat'] === true;
  if (flags === undefined) {
    throw new CliUsageError(
      goCompat
        ? cliMessages.goCompatNeedsFlags
        : cliMessages.missingOption(NAME, '--flags <module.js>'),
    );
  }

  // The flags first: without them nothing can be checked (exit 2, not a verdict on the manifest).
  let sets: ExportedFlagSet[];
  try {
    sets = await loadFlagSets(flags, io.cwd);
  } catch (error) {
    if (!(error instanceof FlagsModuleError)) throw error;
    io.stderr(`${cliMessages.failed(NAME, error.message)}\n`);
    return ExitCode.Usage;
  }

  const strict = values.strict === true;
  const source = inputName(filename);
  const print = (report: ValidationReport): number => {
    io.stdout(
      values.json === true
        ? `${JSON.stringify(report, null, 2)}\n`
        : formatReport(report, source, values.verbose === true),
    );
    return report.ok ? ExitCode.Ok : ExitCode.Failure;
  };

  const flagSets = sets.map(({ set }) => set);
  // A refused manifest: its problems, and the checks of the keys that could still be read.
  const refused = (error: ManifestError): ValidationReport => {
    const report = refusedReport(error, sets, strict);
    return goCompat && error.partial !== undefined
      ? withGoCompat(report, error.partial, flagSets, source, strict)
      : report;
  };

  let text: string;
  try {
    text = await readManifestInput(filename, io);
  } catch (error) {
    if (error instanceof ManifestError) return print(refused(error));
    io.stderr(`${cliMessages.failed(NAME, cliMessages.cannotRead(source, errorMessage(error)))}\n`);
    return ExitCode.Failure;
  }
  try {
    const manifest: ConfigMapManifest = parseConfigMapManifest(text, {
      name,
      source,
      kinds: ['ConfigMap', 'Secret'],
    });
    const report = checkManifest(manifest, flagSets, { strict });
    return print(goCompat ? withGoCompat(report, manifest, flagSets, source, strict) : report);
  } catch (error) {
    if (!(error instanceof ManifestError)) throw error;
    return print(refused(error));
  }
}

/**
 * validateCommand is `dflag validate -f <manifest.yaml> --flags <module.js> [--name <name>]
 * [--strict] [--json] [--verbose] [--go-compat]`: it checks a ConfigMap or Secret manifest (`-f -`: from
 * standard input) against the flags an application declares,
 * so that a bad value is caught in a pull request rather than in production.
 */
export const validateCommand: CliCommand = {
  name: NAME,
  summary: cliMessages.validateSummary,
  usage: cliMessages.validateUsage,
  run,
};
