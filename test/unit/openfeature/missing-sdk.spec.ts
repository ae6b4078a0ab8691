import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import ts from 'typescript';
import { makeTempDir, removeTempDir } from '../../utils/temp-dir.js';

const root = join(import.meta.dirname, '../../..');
const run = promisify(execFile);
const SPECIFIER =
  /(?:^|\s)(?:import|export)\s(?!type\b)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/gm;

const packageOf = (specifier: string): string =>
  specifier.startsWith('@')
    ? specifier.split('/').slice(0, 2).join('/')
    : (specifier.split('/')[0] as string);

/** Every lib/ file the entry loads at run time, and every package they load. */
function closure(entry: string): { files: string[]; packages: Set<string> } {
  const files: string[] = [];
  const packages = new Set<string>();
  const visit = (file: string): void => {
    if (files.includes(file)) return;
    files.push(file);
    for (const match of readFileSync(file, 'utf8').matchAll(SPECIFIER)) {
      const specifier = (match[1] ?? match[2] ?? match[3]) as string;
      if (specifier.startsWith('.'))
        visit(resolve(dirname(file), specifier.replace(/\.js$/, '.ts')));
      else if (!specifier.startsWith('node:')) packages.add(packageOf(specifier));
    }
  };
  visit(entry);
  return { files, packages };
}

describe('nestjs-dflag/openfeature without @openfeature/server-sdk installed', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await makeTempDir('dflag-no-sdk-');
  });

  afterAll(async () => {
    await removeTempDir(dir);
  });

  it('fails on import with our error, naming the packages to install (a real Node in a directory without them)', async () => {
    const { files, packages } = closure(join(root, 'lib/openfeature/index.ts'));
    expect(packages.has('@openfeature/server-sdk')).toBe(true);
    // Compiled as the build compiles it, into a directory whose node_modules holds every package
    // the entry point loads except OpenFeature's.
    for (const file of files) {
      const { outputText } = ts.transpileModule(readFileSync(file, 'utf8'), {
        fileName: file,
        compilerOptions: {
          module: ts.ModuleKind.ESNext,
          target: ts.ScriptTarget.ES2022,
          experimentalDecorators: true,
          emitDecoratorMetadata: true,
        },
      });
      const out = join(dir, relative(root, file)).replace(/\.ts$/, '.js');
      mkdirSync(dirname(out), { recursive: true });
      writeFileSync(out, outputText);
    }
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
    for (const name of packages) {
      if (name.startsWith('@openfeature/')) continue;
      const link = join(dir, 'node_modules', name);
      mkdirSync(dirname(link), { recursive: true });
      symlinkSync(realpathSync(join(root, 'node_modules', name)), link, 'dir');
    }
    writeFileSync(
      join(dir, 'entry.js'),
      [
        "try { await import('./lib/openfeature/index.js'); console.log(JSON.stringify({ loaded: true })); }",
        'catch (error) { console.log(JSON.stringify({ name: error.name, code: error.code, message: error.message, cause: error.cause?.code })); }',
      ].join('\n'),
    );

    const { stdout } = await run(process.execPath, [join(dir, 'entry.js')], { cwd: dir });
    const outcome = JSON.parse(stdout) as Record<string, unknown>;
    expect(outcome).toEqual({
      name: 'DflagSetupError',
      code: 'DFLAG_SETUP',
      cause: 'MODULE_NOT_FOUND',
      message: expect.stringMatching(
        /^nestjs-dflag\/openfeature needs the OpenFeature server SDK, which could not be loaded \(Cannot find module '@openfeature\/server-sdk'.*\): install it with "npm install @openfeature\/server-sdk @openfeature\/core" \(@openfeature\/server-sdk 1\.x\)$/,
      ),
    });
  });
});
