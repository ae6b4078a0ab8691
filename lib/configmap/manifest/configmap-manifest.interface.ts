/** ConfigMapManifest is the part of a ConfigMap manifest that ends up in a mounted volume. */
export interface ConfigMapManifest {
  /** ConfigMapManifest.name is `metadata.name`. */
  name: string;
  /** ConfigMapManifest.data holds the text values, by key. */
  data: Record<string, string>;
  /** ConfigMapManifest.binaryData holds the decoded `binaryData` values, by key. */
  binaryData: Record<string, Uint8Array>;
}
