import type { VolumePayload } from '../../kubelet/volume-payload.interface.js';
import type { ConfigMapManifest } from './configmap-manifest.interface.js';

/**
 * manifestToPayload turns a ConfigMap into what kubelet projects into its volume (no `items`):
 * one file per key, `binaryData` as raw bytes exactly like `data`.
 */
export function manifestToPayload(manifest: ConfigMapManifest): VolumePayload {
  return { ...manifest.data, ...manifest.binaryData };
}
