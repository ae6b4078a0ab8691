import { extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { FlagSet } from '../flags/flag-set.js';
import { cliMessages } from './cli-messages.constant.js';
import type { ExportedFlagSet, FlagSetLike } from './flag-set-like.interface.js';
import { FlagsModuleError } from './flags-module.error.js';
import { errorMessage } from '../errors/error-message.util.js';

const TYPESCRIPT = new Set(['.ts', '.mts', '.cts', '.tsx']);

/**
 * isFlagSet tells whether `value` is a flag set: an instance of this package's `FlagSet`, or an
 * object of the same shape, from another copy of the package that the application loaded.
 */
export function isFlagSet(value: unknown): value is FlagSetLike {
  if (value instanceof FlagSet) return true;
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string | symbol, unknown>;
  return (
    typeof candidate['declare'] === 'function' &&
    typeof candidate['apply'] === 'function' &&
    typeof candidate['find'] === 'function' &&
    typeof candidate[Symbol.iterator] === 'function'
  );
}

/**
 * loadFlagSets imports the application's flags module (`file`, relative to `cwd`) and returns
 * every flag set it exports, once each (a set exported under two names counts once). The sets must be exported explicitly: a
 * default set inside the CLI's own copy of the package may not be the one the application
 * declared its flags into.
 *
 * @throws FlagsModuleError when the module cannot be imported, exports no flag set, or exports
 *   only empty ones
 */
export async function loadFlagSets(file: string, cwd: string): Promise<ExportedFlagSet[]> {
  let exports: Record<string, unknown>;
  try {
    exports = (await import(pathToFileURL(resolve(cwd, file)).href)) as Record<string, unknown>;
  } catch (error) {
    const reason = errorMessage(error);
    // Node's own loading errors (ERR_UNKNOWN_FILE_EXTENSION, ERR_MODULE_NOT_FOUND of a `.js`
    // import inside TypeScript source…), not an error the module threw itself.
    const code = (error as { code?: unknown } | null)?.code;
    const typescript =
      TYPESCRIPT.has(extname(file).toLowerCase()) &&
      typeof code === 'string' &&
      code.startsWith('ERR_');
    throw new FlagsModuleError(cliMessages.cannotLoadFlags(file, reason, typescript), {
      cause: error,
    });
  }
  const found: ExportedFlagSet[] = [];
  const seen = new Set<FlagSetLike>();
  // A module namespace lists its exports in alphabetical order.
  for (const exportName of Object.keys(exports)) {
    const value = exports[exportName];
    if (!isFlagSet(value) || seen.has(value)) continue;
    seen.add(value);
    found.push({ exportName, set: value });
  }
  if (found.length === 0) throw new FlagsModuleError(cliMessages.noFlagSet(file));
  if (found.every(({ set }) => isEmpty(set))) {
    throw new FlagsModuleError(
      cliMessages.emptyFlagSets(
        file,
        found.map((f) => f.exportName),
      ),
    );
  }
  return found;
}

function isEmpty(set: FlagSetLike): boolean {
  return set[Symbol.iterator]().next().done === true;
}
