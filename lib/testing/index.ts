/**
 * For an application's tests: a Nest test kit with in-memory values, kubelet's volume writer, and the manifest reader of `dflag apply`.
 *
 * @packageDocumentation
 * @module nestjs-dflag/testing
 */
// What an application's tests need, and nothing of the library's internals.

// Reproduce kubelet's writes: a ConfigMap (or projected) volume, swapped atomically, in a test's
// own directory; and the non-atomic relink some tools do, to test an application against it.
export { writeConfigMapVolume } from '../kubelet/volume-writer.js';
export { relinkDataNonAtomically } from '../kubelet/relink-data.util.js';
export { DATA_DIR_NAME } from '../kubelet/kubelet.constants.js';
export type { VolumeFile, VolumePayload } from '../kubelet/volume-payload.interface.js';
export type { VolumeWriteOptions } from '../kubelet/volume-write-options.interface.js';
export type { VolumeWriteResult } from '../kubelet/volume-write-result.interface.js';

// A Nest test kit: run an application with given flag values and no directory.
export { DflagTestingModule, InMemoryFlagEngine } from './dflag-testing.module.js';
export type { DflagTestingOptions, TestingValues } from './dflag-testing.module.js';

// ConfigMap and Secret manifests, as `dflag apply` reads them: apply your own in a test
// (`writeConfigMapVolume(dir, manifestToPayload(await readConfigMapManifest(file)))`).
export { readConfigMapManifest } from '../configmap/manifest/read-manifest.js';
export type { ParseManifestOptions } from '../configmap/manifest/parse-manifest.js';
export { manifestToPayload } from '../configmap/manifest/manifest-payload.util.js';
export { ManifestError } from '../configmap/manifest/manifest.error.js';
export type {
  ConfigMapManifest,
  ManifestKind,
} from '../configmap/manifest/configmap-manifest.interface.js';
