import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { extractBlocks } from './readme-blocks.js';
import type { Block } from './readme-blocks.js';

// Every ```ts example in README.md must compile against lib/ with the project's compiler options
// (how blocks are named and skipped: readme-blocks.ts).

const root = join(import.meta.dirname, '../../..');
const readmePath = join(root, 'README.md');

/** The number of blocks the README holds today: extraction finding fewer is itself a failure. */
const MIN_BLOCKS = 13;
function compilerOptions(): ts.CompilerOptions {
  const configPath = join(root, 'tsconfig.json');
  const read = ts.readConfigFile(configPath, (path) => ts.sys.readFile(path));
  if (read.error) throw new Error(ts.flattenDiagnosticMessageText(read.error.messageText, '\n'));
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, root, undefined, configPath);
  return {
    ...parsed.options,
    noEmit: true,
    noUnusedLocals: false,
    paths: {
      'nestjs-dflag': [join(root, 'lib/index.ts')],
      'nestjs-dflag/testing': [join(root, 'lib/testing/index.ts')],
      'nestjs-dflag/health': [join(root, 'lib/health/index.ts')],
      'nestjs-dflag/openfeature': [join(root, 'lib/openfeature/index.ts')],
      'nestjs-dflag/metrics': [join(root, 'lib/metrics/index.ts')],
    },
  };
}

/** The key of a file name as the compiler reports it (forward slashes, case as the file system). */
const fileKey = (path: string): string => {
  const normalized = path.replace(/\\/g, '/');
  return ts.sys.useCaseSensitiveFileNames ? normalized : normalized.toLowerCase();
};

/** Type-checks the blocks in one program; returns the formatted diagnostics of the blocks only. */
function check(blocks: Block[]): string[] {
  // Inside the repository, so that bare imports resolve from its node_modules (`.tmp/` is ignored).
  const dir = join(root, '.tmp', `readme-${randomBytes(6).toString('hex')}`);
  mkdirSync(dir, { recursive: true });
  try {
    const paths: string[] = [];
    const byPath = new Map<string, Block>();
    for (const block of blocks) {
      const path = join(dir, block.fileName);
      writeFileSync(path, block.code);
      paths.push(path);
      byPath.set(fileKey(path), block);
    }
    const program = ts.createProgram(paths, compilerOptions());
    const host: ts.FormatDiagnosticsHost = {
      getCanonicalFileName: (f) => f,
      getCurrentDirectory: () => dir,
      getNewLine: () => '\n',
    };
    const problems: string[] = [];
    for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
      if (!diagnostic.file) {
        // Options or global problems: the check itself is broken, say so.
        problems.push(ts.formatDiagnostics([diagnostic], host).trimEnd());
        continue;
      }
      const block = byPath.get(fileKey(diagnostic.file.fileName));
      if (!block) continue; // lib/ and node_modules are checked elsewhere
      const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
      problems.push(
        `README.md:${block.line + 1 + line} (block at line ${block.line}, ${block.fileName}): ` +
          ts.formatDiagnostics([diagnostic], host).trimEnd(),
      );
    }
    const inProgram = new Set(program.getSourceFiles().map((file) => fileKey(file.fileName)));
    for (const [key, block] of byPath) {
      if (!inProgram.has(key)) problems.push(`${block.fileName}: not part of the program`);
    }
    return problems;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('README.md examples', () => {
  const { blocks } = extractBlocks(readFileSync(readmePath, 'utf8'));

  it(`finds the TypeScript examples (at least ${MIN_BLOCKS})`, () => {
    expect(blocks.length).toBeGreaterThanOrEqual(MIN_BLOCKS);
  });

  it('every TypeScript example compiles against lib/', { timeout: 60_000 }, () => {
    expect(check(blocks)).toEqual([]);
  });

  it('the extraction names files, numbers the rest, skips marked blocks and other fences', () => {
    const sample = [
      '```ts',
      '// flags.ts: declared once',
      'export const a = 1;',
      '```',
      '```sh',
      '```ts',
      '```',
      '<!-- not-compiled -->',
      '```ts',
      'nope(',
      '```',
      '```typescript',
      'const b = 2;',
      '```',
      '```ts',
      '// src/flags.ts',
      '```',
    ].join('\n');
    const { blocks: found, skipped } = extractBlocks(sample);
    expect(found.map((b) => [b.line, b.fileName])).toEqual([
      [1, 'flags.ts'],
      [12, 'example-2.ts'],
      [15, 'example-3-flags.ts'],
    ]);
    expect(skipped).toEqual([9]);
  });
});
