/**
 * ManifestKind is a kind of object whose keys kubelet writes into a volume with its atomic writer:
 * a ConfigMap, or a Secret.
 */
export type ManifestKind = 'ConfigMap' | 'Secret';

/**
 * ConfigMapManifest is the part of a ConfigMap (or Secret) manifest that ends up in a mounted
 * volume.
 */
export interface ConfigMapManifest {
  /**
   * ConfigMapManifest.kind is `ConfigMap` or `Secret` (the latter only when the reader was asked
   * to accept Secrets).
   */
  kind: ManifestKind;
  /** ConfigMapManifest.name is `metadata.name`. */
  name: string;
  /**
   * ConfigMapManifest.data holds the text values, by key: a ConfigMap's `data`, a Secret's
   * `stringData`.
   */
  data: Record<string, string>;
  /**
   * ConfigMapManifest.binaryData holds the decoded bytes, by key: a ConfigMap's `binaryData`, a
   * Secret's `data` (base64), without the keys its `stringData` overrides.
   */
  binaryData: Record<string, Uint8Array>;
}
