import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';

const root = join(import.meta.dirname, '../../..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
};
const declared = new Set([
  ...Object.keys(manifest.dependencies ?? {}),
  ...Object.keys(manifest.peerDependencies ?? {}),
]);
const builtins = new Set(builtinModules);

function* sourceFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(path);
    else if (entry.name.endsWith('.ts')) yield path;
  }
}

const IMPORT =
  /(?:^|\s)(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^import\s+['"]([^'"]+)['"]/gm;

const packageOf = (specifier: string): string =>
  specifier.startsWith('@')
    ? specifier.split('/').slice(0, 2).join('/')
    : (specifier.split('/')[0] as string);

describe('package manifest', () => {
  it('declares every package that lib/ imports (dependencies or peerDependencies)', () => {
    const undeclared: string[] = [];
    for (const file of sourceFiles(join(root, 'lib'))) {
      for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
        const specifier = (match[1] ?? match[2] ?? match[3]) as string;
        if (specifier.startsWith('.') || specifier.startsWith('node:') || builtins.has(specifier))
          continue;
        if (!declared.has(packageOf(specifier)))
          undeclared.push(`${file.slice(root.length + 1)}: ${specifier}`);
      }
    }
    expect(undeclared).toEqual([]);
  });

  it('the check itself finds imports (it would fail on an undeclared one)', () => {
    const sample = `import { x } from 'left-pad';\nimport type { Y } from '@scope/pkg/sub';\nconst z = await import('other');`;
    expect(
      [...sample.matchAll(IMPORT)].map((m) => packageOf((m[1] ?? m[2] ?? m[3]) as string)),
    ).toEqual(['left-pad', '@scope/pkg', 'other']);
  });
});
