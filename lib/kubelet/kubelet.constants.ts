/** DATA_DIR_NAME is the symlink kubelet points at the current version of a volume. */
export const DATA_DIR_NAME = '..data';

/** DATA_TMP_NAME is the symlink kubelet creates, then renames over `..data`. */
export const DATA_TMP_NAME = '..data_tmp';

/** DEFAULT_FILE_MODE is the mode of a key's file when the payload gives none (`defaultMode`). */
export const DEFAULT_FILE_MODE = 0o644;

/** TIMESTAMPED_DIR_MODE is the mode kubelet sets on a version directory, whatever the umask. */
export const TIMESTAMPED_DIR_MODE = 0o755;

/** MAX_KEY_LENGTH is the longest ConfigMap key (and path component), in bytes. */
export const MAX_KEY_LENGTH = 253;

/** MAX_PATH_LENGTH is the longest item path kubelet accepts, in bytes. */
export const MAX_PATH_LENGTH = 4096;

/** KUBELET_PREFIX starts every name that is kubelet's own (timestamped dirs, `..data`, `..data_tmp`). */
export const KUBELET_PREFIX = '..';

/** MAX_CONFIGMAP_BYTES is Kubernetes' limit on a ConfigMap's `data` + `binaryData` (1 MiB), so on one value too. */
export const MAX_CONFIGMAP_BYTES = 1024 * 1024;
