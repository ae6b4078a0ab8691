/**
 * MAX_MANIFEST_BYTES bounds a whole manifest input, every document together (32 MiB), checked
 * before anything is parsed: a file by its size, a pipe or device by reading at most this much.
 * Why 32 MiB: room for `kustomize build` output of a large application with its
 * CustomResourceDefinitions (the largest objects Kubernetes stores, at most 1.5 MiB each in etcd),
 * while bounding what the YAML parser is given: it reads about 1–10 MB per second, so a larger
 * input would cost minutes and gigabytes before any answer.
 */
export const MAX_MANIFEST_BYTES = 32 * 1024 * 1024;

/**
 * MAX_MANIFEST_DOCUMENT_BYTES bounds one YAML document of a manifest input (4 MiB), measured
 * between document markers (`---`, `...` at the start of a line) before anything is parsed.
 * Why 4 MiB: the API server accepts at most 3 MiB per request and etcd stores at most 1.5 MiB per
 * object, so no object Kubernetes would take comes near it, even written as indented YAML; a
 * ConfigMap holds at most 1 MiB of data, about 1.4 MiB of YAML as base64 `binaryData`.
 */
export const MAX_MANIFEST_DOCUMENT_BYTES = 4 * 1024 * 1024;
