import { randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { extractBlocks } from './readme-blocks.js';

// The Quick start's flags.ts, exactly as the README has it, compiled as a user's build would, then
// given to the built `dflag validate --flags` in a child process: it must export a flag set the CLI
// can check a ConfigMap against.
const root = join(import.meta.dirname, '../../..');
const cli = join(root, 'dist/cli/main.js');

const configMap = (data: Record<string, string>): string =>
  [
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata:',
    '  name: example-config',
    'data:',
    ...Object.entries(data).map(([key, value]) => `  ${key}: '${value}'`),
    '',
  ].join('\n');

describe("the README Quick start's flags.ts with dflag validate", () => {
  let dir = '';

  beforeAll(() => {
    expect(existsSync(cli), `${cli} is missing: run "npm run build" first`).toBe(true);
    const block = extractBlocks(readFileSync(join(root, 'README.md'), 'utf8')).blocks.find(
      (b) => b.fileName === 'flags.ts',
    );
    expect(block, 'README.md has no block naming flags.ts').toBeDefined();
    // Inside the repository, so that `nestjs-dflag` resolves to the built package by its name.
    dir = join(root, '.tmp', `quick-start-${randomBytes(6).toString('hex')}`);
    mkdirSync(dir, { recursive: true });
    const { outputText } = ts.transpileModule(block!.code, {
      compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022 },
    });
    writeFileSync(join(dir, 'flags.js'), outputText);
  });

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  function validate(data: Record<string, string>) {
    writeFileSync(join(dir, 'cm.yaml'), configMap(data));
    const child = spawnSync(
      process.execPath,
      [cli, 'validate', '-f', 'cm.yaml', '--flags', 'flags.js'],
      { cwd: dir, encoding: 'utf8' },
    );
    return { code: child.status, out: child.stdout, err: child.stderr };
  }

  it('accepts a good ConfigMap, checking every key against the exported set', () => {
    expect(validate({ port: '8080', rate_limit: '20' })).toEqual({
      code: 0,
      out: 'ConfigMap example-config: 2 keys checked against 2 flags: 0 errors, 0 warnings, 1 note (--verbose lists them)\n',
      err: '',
    });
  });

  it('refuses a bad value of a flag the Quick start declares', () => {
    const { code, out } = validate({ port: '8080', rate_limit: 'fast' });
    expect(code).toBe(1);
    expect(out).toMatch(/^rate_limit: not an integer; /m);
  });
});
