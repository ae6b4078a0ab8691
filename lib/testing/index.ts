/**
 * For an application's tests: a Nest test kit with in-memory values, kubelet's volume writer, and the manifest reader of `dflag apply`.
 *
 * @packageDocumentation
 * @module nestjs-dflag/testing
 */
// nestjs-dflag/testing: reproduce kubelet's writes in your own tests.
export { writeConfigMapVolume } from '../kubelet/volume-writer.js';
export { relinkDataNonAtomically } from '../kubelet/relink-data.util.js';
export { keyNameProblem, keyPathProblems } from '../kubelet/key-path.util.js';
export { timestampedDirName } from '../kubelet/timestamped-dir-name.util.js';
export {
  DATA_DIR_NAME,
  DATA_TMP_NAME,
  DEFAULT_FILE_MODE,
  MAX_CONFIGMAP_BYTES,
} from '../kubelet/kubelet.constants.js';
export type { VolumeFile, VolumePayload } from '../kubelet/volume-payload.interface.js';
export type { VolumeWriteOptions } from '../kubelet/volume-write-options.interface.js';
export type { VolumeWriteResult } from '../kubelet/volume-write-result.interface.js';

// A Nest test kit: run an application with given flag values and no directory.
export { DflagTestingModule, InMemoryFlagEngine } from './dflag-testing.module.js';
export type { DflagTestingOptions, TestingValues } from './dflag-testing.module.js';

// ConfigMap manifests, as `dflag apply` reads them: apply a manifest in your own tests.
export { readConfigMapManifest } from '../configmap/manifest/read-manifest.js';
export { parseConfigMapManifest } from '../configmap/manifest/parse-manifest.js';
export type { ParseManifestOptions } from '../configmap/manifest/parse-manifest.js';
export { manifestToPayload } from '../configmap/manifest/manifest-payload.util.js';
export { ManifestError } from '../configmap/manifest/manifest.error.js';
export type {
  ConfigMapManifest,
  ManifestKind,
} from '../configmap/manifest/configmap-manifest.interface.js';
