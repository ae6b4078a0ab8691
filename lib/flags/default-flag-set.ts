import { FlagSet } from './flag-set.js';

/**
 * defaultFlagSet is the application's flag set (Go's `flag.CommandLine`):
 * `defineFlags()` declares into it and `DflagModule.forRoot(path)` binds it.
 * Libraries and tests should create their own `FlagSet`.
 */
export const defaultFlagSet = new FlagSet('default');
