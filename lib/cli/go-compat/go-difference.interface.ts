/**
 * GoDifferenceKind says how the Go original's reading of a value differs from nestjs-dflag's:
 * it reads another value, it refuses a value nestjs-dflag reads, or it reads a value
 * nestjs-dflag refuses.
 */
export type GoDifferenceKind = 'reads-differently' | 'go-refuses' | 'go-accepts';

/** GoDifference is one value the Go original reads otherwise than nestjs-dflag. */
export interface GoDifference {
  /** GoDifference.kind says how the readings differ. */
  readonly kind: GoDifferenceKind;
  /**
   * GoDifference.older is true when only Go's dflag before v1.9.0 differs (a `d` or `w`
   * duration): a note, not a warning.
   */
  readonly older: boolean;
  /** GoDifference.reader names the Go code that reads it: dflag's, or the standard flag package's. */
  readonly reader: string;
  /** GoDifference.ours is nestjs-dflag's reading, shown (absent when it refuses). */
  readonly ours?: string;
  /** GoDifference.go is Go's reading, shown (absent when Go refuses). */
  readonly go?: string;
  /** GoDifference.reason is why Go refuses the text, when it does. */
  readonly reason?: string;
  /** GoDifference.why names the Go rule that makes the difference. */
  readonly why?: string;
}
