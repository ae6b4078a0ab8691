/** DflagProviderOptions tunes a {@link DflagProvider}. */
export interface DflagProviderOptions {
  /**
   * The sensitive flags OpenFeature may read: `true` for every one, or their names. Any other
   * sensitive flag answers `FLAG_NOT_FOUND` with the default, its message saying that the flag is
   * sensitive and not exposed (never its value): every OpenFeature hook
   * (logging, tracing, evaluation events) receives the value of what it evaluates, so the
   * library cannot keep a value it hands to OpenFeature from them.
   * @default false
   */
  exposeSensitive?: boolean | readonly string[];
}
