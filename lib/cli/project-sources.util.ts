import type { VolumePayload } from '../kubelet/volume-payload.interface.js';
import { manifestToPayload } from '../configmap/manifest/manifest-payload.util.js';
import { cliMessages } from './cli-messages.constant.js';
import type { VolumeSource } from './load-volume-sources.util.js';

/**
 * projectSources combines several ConfigMaps and Secrets into the one payload a projected volume
 * writes in a single atomic update (so that applying one source does not drop the others' keys).
 * A key present in two sources is refused, naming both: kubelet itself refuses only duplicate
 * explicit `items` paths (at pod validation) and otherwise lets the later source overwrite the
 * earlier one without a word, which is a mistake waiting to be found in production.
 *
 * @returns the payload, or the conflicts (one message each) when a key is in two sources
 */
export function projectSources(sources: readonly VolumeSource[]): {
  payload: VolumePayload;
  conflicts: string[];
} {
  const payload: Record<string, VolumePayload[string]> = Object.create(null) as Record<
    string,
    VolumePayload[string]
  >;
  const owner = new Map<string, VolumeSource>();
  const conflicts: string[] = [];
  for (const source of sources) {
    for (const [key, value] of Object.entries(manifestToPayload(source.manifest))) {
      const first = owner.get(key);
      if (first !== undefined) {
        conflicts.push(cliMessages.keyInTwoSources(key, describe(first), describe(source)));
        continue;
      }
      owner.set(key, source);
      payload[key] = value;
    }
  }
  return { payload, conflicts };
}

/** describe names a source as `Secret app-secret (secret.yaml)`. */
export function describe({ manifest, input }: VolumeSource): string {
  return `${manifest.kind} ${manifest.name} (${input})`;
}
