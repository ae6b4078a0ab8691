import type { ConfigMapManifest } from '../configmap/manifest/configmap-manifest.interface.js';
import { ManifestError } from '../configmap/manifest/manifest.error.js';
import { parseManifests } from '../configmap/manifest/parse-manifest.js';
import { errorMessage } from '../errors/error-message.util.js';
import type { CliIo } from './cli-io.interface.js';
import { cliMessages } from './cli-messages.constant.js';
import { inputName, readManifestInput } from './read-manifest-input.util.js';

/** VolumeSource is one ConfigMap or Secret of a volume, and the input it was read from. */
export interface VolumeSource {
  /** VolumeSource.manifest is the object read. */
  readonly manifest: ConfigMapManifest;
  /** VolumeSource.input names its input: the file, or `<stdin>`. */
  readonly input: string;
}

/**
 * loadVolumeSources reads the ConfigMaps and Secrets of a volume from the `-f` inputs: with
 * `names`, the documents of those names, wherever they are (each name must be found exactly
 * once, and each input must hold one of them); without, the only ConfigMap or Secret of each
 * input (other kinds beside it are skipped). Every input is read before anything is written.
 *
 * @throws ManifestError when an input or a document is refused, or a name is missing or repeated;
 *   the `fs` error (with `input` set) when a file cannot be read
 */
export async function loadVolumeSources(
  files: readonly string[],
  names: readonly string[] | undefined,
  io: Required<CliIo>,
): Promise<VolumeSource[]> {
  const sources: VolumeSource[] = [];
  const found: string[] = [];
  const where = new Map<string, string>();
  for (const file of files) {
    const input = inputName(file);
    let text: string;
    try {
      text = await readManifestInput(file, io);
    } catch (error) {
      if (error instanceof ManifestError) throw error;
      throw Object.assign(
        new Error(cliMessages.cannotRead(input, errorMessage(error)), { cause: error }),
        {
          input,
        },
      );
    }
    const parsed = parseManifests(text, { names, kinds: ['ConfigMap', 'Secret'], source: input });
    if (names !== undefined && parsed.manifests.length === 0) {
      throw new ManifestError(input, [cliMessages.noNamedDocument(names, parsed.found)]);
    }
    for (const manifest of parsed.manifests) {
      const first = where.get(manifest.name);
      if (first !== undefined) {
        throw new ManifestError(input, [cliMessages.nameInTwoInputs(manifest.name, first, input)]);
      }
      where.set(manifest.name, input);
      sources.push({ manifest, input });
    }
    found.push(...parsed.found.map((description) => cliMessages.foundIn(description, input)));
  }
  const missing = (names ?? []).filter((name) => !where.has(name));
  if (missing.length > 0) {
    const source = files.map(inputName).join(', ');
    throw new ManifestError(source, [cliMessages.namesNotFound(missing, found)]);
  }
  return sources;
}
