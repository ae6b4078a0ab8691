import { resolve } from 'node:path';
import { ManifestError } from '../configmap/manifest/manifest.error.js';
import { writeConfigMapVolume } from '../kubelet/volume-writer.js';
import { withApplyLock } from './apply-lock.util.js';
import type { VolumeWriteResult } from '../kubelet/volume-write-result.interface.js';
import type { CliCommand } from './cli-command.interface.js';
import type { CliIo } from './cli-io.interface.js';
import { cliMessages } from './cli-messages.constant.js';
import { CliUsageError } from './cli-usage.error.js';
import { ExitCode } from './exit-code.constant.js';
import type { VolumeSource } from './load-volume-sources.util.js';
import { loadVolumeSources } from './load-volume-sources.util.js';
import { parseCommandArgs } from './parse-command-args.util.js';
import { projectSources } from './project-sources.util.js';
import { STDIN } from './read-manifest-input.util.js';
import { errorMessage } from '../errors/error-message.util.js';

const NAME = 'apply';

const OPTIONS = {
  filename: { type: 'string', short: 'f', multiple: true },
  dir: { type: 'string' },
  name: { type: 'string', multiple: true },
  'fs-group': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

async function run(argv: readonly string[], io: Required<CliIo>): Promise<number> {
  const values = parseCommandArgs(NAME, argv, OPTIONS);
  if (values.help === true) {
    io.stdout(cliMessages.applyUsage);
    return ExitCode.Ok;
  }
  const { filename: files, dir, name: names } = values;
  if (files === undefined) {
    throw new CliUsageError(cliMessages.missingOption(NAME, '-f <manifest.yaml>'));
  }
  if (dir === undefined) throw new CliUsageError(cliMessages.missingOption(NAME, '--dir <dir>'));
  if (files.filter((file) => file === STDIN).length > 1) {
    throw new CliUsageError(cliMessages.stdinTwice(NAME));
  }
  const fail = (message: string): number => {
    io.stderr(`${cliMessages.failed(NAME, message)}\n`);
    return ExitCode.Failure;
  };

  let sources: VolumeSource[];
  try {
    sources = await loadVolumeSources(files, names, io);
  } catch (error) {
    return fail(errorMessage(error));
  }
  const { payload, conflicts } = projectSources(sources);
  if (conflicts.length > 0) {
    const inputs = [...new Set(sources.map((s) => s.input))].join(', ');
    return fail(new ManifestError(inputs, conflicts).message);
  }

  const label = cliMessages.sources(sources.map((s) => s.manifest));
  const count = Object.keys(payload).length;
  let result: VolumeWriteResult;
  const target = resolve(io.cwd, dir);
  try {
    result = await withApplyLock(target, () =>
      writeConfigMapVolume(target, payload, { fsGroup: values['fs-group'] === true }),
    );
  } catch (error) {
    return fail(cliMessages.cannotWrite(dir, errorMessage(error)));
  }
  const version = result.version ?? '';
  io.stdout(
    result.changed
      ? `${cliMessages.applied(label, dir, count, version, result.previous)}\n`
      : `${cliMessages.unchanged(label, dir, count, version, result.created)}\n`,
  );
  return ExitCode.Ok;
}

/**
 * applyCommand is `dflag apply -f <manifest.yaml> [-f …] --dir <dir> [--name <name> …]
 * [--fs-group]`: it checks ConfigMap and Secret manifests as the API server would and writes them
 * into a directory exactly as kubelet updates a mounted volume (several sources into one version,
 * as a projected volume), to try an application's reloading locally.
 */
export const applyCommand: CliCommand = {
  name: NAME,
  summary: cliMessages.applySummary,
  usage: cliMessages.applyUsage,
  run,
};
