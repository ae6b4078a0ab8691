/** FlagKind is the type of a declared flag, as shown in usage tables and listings. */
export type FlagKind =
  'bool' | 'int' | 'float' | 'string' | 'duration' | 'list' | 'set' | 'json' | 'bytes';

/** RawValue is a value as a source gives it: text, or raw bytes from a file. */
export type RawValue = string | Uint8Array;
