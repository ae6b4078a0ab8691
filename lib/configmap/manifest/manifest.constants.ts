/** MAX_CONFIGMAP_SIZE is the most bytes the values of one ConfigMap may total (1 MiB). */
export const MAX_CONFIGMAP_SIZE = 1024 * 1024;
