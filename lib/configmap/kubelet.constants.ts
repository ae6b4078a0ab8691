/** The symlink kubelet swaps atomically to publish a new version of a ConfigMap volume. */
export const DATA_LINK = '..data';

/** Every name starting with this is kubelet's own (timestamped dirs, `..data`, `..data_tmp`). */
export const KUBELET_PREFIX = '..';

/** Kubernetes' limit on a ConfigMap's total size (`data` + `binaryData`), and so on one value. */
export const MAX_CONFIGMAP_BYTES = 1024 * 1024;
