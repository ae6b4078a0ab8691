export { writeConfigMapVolume } from './volume-writer.js';
export { relinkDataNonAtomically } from './relink-data.util.js';
export { keyNameProblem, keyPathProblems } from './key-path.util.js';
export { timestampedDirName } from './timestamped-dir-name.util.js';
export { DATA_DIR_NAME, DATA_TMP_NAME, DEFAULT_FILE_MODE } from './volume.constants.js';
export type { VolumeFile, VolumePayload } from './volume-payload.interface.js';
export type { VolumeWriteOptions } from './volume-write-options.interface.js';
export type { VolumeWriteResult } from './volume-write-result.interface.js';
