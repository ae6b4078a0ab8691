import type { ManifestKind } from '../configmap/manifest/configmap-manifest.interface.js';

/** ValidationProblem is one line of a `dflag validate` report. */
export interface ValidationProblem {
  /** ValidationProblem.key is the ConfigMap key, or null for a problem of the whole manifest. */
  readonly key: string | null;
  /** ValidationProblem.message says what is wrong (or worth knowing) and what would be accepted. */
  readonly message: string;
}

/** ValidationReport is the outcome of checking a ConfigMap manifest against declared flags. */
export interface ValidationReport {
  /**
   * ValidationReport.kind is the kind of the object checked, `ConfigMap` or `Secret`; null when
   * the manifest was refused before one was read.
   */
  readonly kind: ManifestKind | null;
  /** ValidationReport.configMap is the ConfigMap's name, or null when the manifest was refused. */
  readonly configMap: string | null;
  /** ValidationReport.ok is true when there is no error (warnings and notes allowed). */
  readonly ok: boolean;
  /** ValidationReport.errors lists every refused value, illegal key or manifest problem. */
  readonly errors: readonly ValidationProblem[];
  /** ValidationReport.warnings lists unknown keys (errors instead with `--strict`). */
  readonly warnings: readonly ValidationProblem[];
  /** ValidationReport.notes lists valid keys of static flags: they take effect on restart. */
  readonly notes: readonly ValidationProblem[];
  /**
   * ValidationReport.checked is the number of keys checked against the flags: every key of the
   * object, except those whose value the manifest reader refused (an unquoted number, invalid
   * base64…), which are errors of their own.
   */
  readonly checked: number;
  /** ValidationReport.keys is the number of distinct keys the object names. */
  readonly keys: number;
  /** ValidationReport.flags is the number of distinct flag names declared in the sets. */
  readonly flags: number;
}
