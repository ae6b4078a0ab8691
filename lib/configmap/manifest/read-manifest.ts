import type { ConfigMapManifest } from './configmap-manifest.interface.js';
import type { ParseManifestOptions } from './parse-manifest.js';
import { parseConfigMapManifest } from './parse-manifest.js';
import { readManifestText } from './read-manifest-text.util.js';

/**
 * readConfigMapManifest reads the ConfigMap manifest in `file` (see
 * `parseConfigMapManifest`); errors name the file. A file over 32 MiB is refused by its size,
 * without being read.
 *
 * @param file the manifest's path
 * @param options `name` picks a document when the file holds several
 * @throws ManifestError when the manifest is refused; the `fs` error when the file cannot be read
 */
export async function readConfigMapManifest(
  file: string,
  options: Pick<ParseManifestOptions, 'name'> = {},
): Promise<ConfigMapManifest> {
  const text = await readManifestText(file);
  return parseConfigMapManifest(text, { ...options, source: file });
}
