import type { FlagMetadata } from '@openfeature/server-sdk';
import type { Flag } from '../flags/flag.js';
import type { ConfigMapView } from './configmap-view.js';

/**
 * flagMetadataOf is what an evaluation tells about where its value comes from: the layer
 * (`source`: default, environment, command-line, configmap, override), whether the flag is
 * `dynamic`, and the ConfigMap `version` (kubelet layout) and `generation` serving. Never the
 * value.
 */
export function flagMetadataOf(flag: Flag<unknown>, view: ConfigMapView): FlagMetadata {
  const metadata: FlagMetadata = { source: flag.source, dynamic: flag.dynamic };
  if (view.version !== undefined) metadata.version = view.version;
  if (view.generation !== undefined) metadata.generation = view.generation;
  return metadata;
}
