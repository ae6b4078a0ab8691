import { resolve } from 'node:path';
import { manifestToPayload } from '../configmap/manifest/manifest-payload.util.js';
import { ManifestError } from '../configmap/manifest/manifest.error.js';
import { parseConfigMapManifest } from '../configmap/manifest/parse-manifest.js';
import { readManifestText } from '../configmap/manifest/read-manifest-text.util.js';
import type { ConfigMapManifest } from '../configmap/manifest/configmap-manifest.interface.js';
import { writeConfigMapVolume } from '../kubelet/volume-writer.js';
import type { VolumeWriteResult } from '../kubelet/volume-write-result.interface.js';
import type { CliCommand } from './cli-command.interface.js';
import type { CliIo } from './cli-io.interface.js';
import { cliMessages } from './cli-messages.constant.js';
import { CliUsageError } from './cli-usage.error.js';
import { ExitCode } from './exit-code.constant.js';
import { parseCommandArgs } from './parse-command-args.util.js';
import { errorMessage } from '../errors/error-message.util.js';

const NAME = 'apply';

const OPTIONS = {
  filename: { type: 'string', short: 'f' },
  dir: { type: 'string' },
  name: { type: 'string' },
  'fs-group': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

async function run(argv: readonly string[], io: Required<CliIo>): Promise<number> {
  const values = parseCommandArgs(NAME, argv, OPTIONS);
  if (values.help === true) {
    io.stdout(cliMessages.applyUsage);
    return ExitCode.Ok;
  }
  const { filename, dir, name } = values;
  if (filename === undefined) {
    throw new CliUsageError(cliMessages.missingOption(NAME, '-f <configmap.yaml>'));
  }
  if (dir === undefined) throw new CliUsageError(cliMessages.missingOption(NAME, '--dir <dir>'));
  const fail = (message: string): number => {
    io.stderr(`${cliMessages.failed(NAME, message)}\n`);
    return ExitCode.Failure;
  };

  let text: string;
  try {
    text = await readManifestText(resolve(io.cwd, filename), filename);
  } catch (error) {
    if (error instanceof ManifestError) return fail(error.message);
    return fail(cliMessages.cannotRead(filename, errorMessage(error)));
  }
  let manifest: ConfigMapManifest;
  try {
    manifest = parseConfigMapManifest(text, { name, source: filename });
  } catch (error) {
    if (error instanceof ManifestError) return fail(error.message);
    throw error;
  }

  const payload = manifestToPayload(manifest);
  const count = Object.keys(payload).length;
  let result: VolumeWriteResult;
  try {
    result = await writeConfigMapVolume(resolve(io.cwd, dir), payload, {
      fsGroup: values['fs-group'] === true,
    });
  } catch (error) {
    return fail(cliMessages.cannotWrite(dir, errorMessage(error)));
  }
  const version = result.version ?? '';
  io.stdout(
    result.changed
      ? `${cliMessages.applied(manifest.name, dir, count, version, result.previous)}\n`
      : `${cliMessages.unchanged(manifest.name, dir, count, version, result.created)}\n`,
  );
  return ExitCode.Ok;
}

/**
 * applyCommand is `dflag apply -f <configmap.yaml> --dir <dir> [--name <name>] [--fs-group]`:
 * it checks a ConfigMap manifest as the API server would and writes it into a directory exactly
 * as kubelet updates a mounted ConfigMap volume, to try an application's reloading locally.
 */
export const applyCommand: CliCommand = {
  name: NAME,
  summary: cliMessages.applySummary,
  usage: cliMessages.applyUsage,
  run,
};
