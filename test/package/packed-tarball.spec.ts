import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { makeTempDir, removeTempDir } from '../utils/temp-dir.js';

const ROOT = resolve(import.meta.dirname, '../..');
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  version: string;
  exports: Record<string, unknown>;
  bin: Record<string, string>;
  dependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
};
/** Every subpath an application imports (`.`, `./health` …), not `./package.json`. */
const SUBPATHS = Object.keys(manifest.exports).filter((p) => p !== './package.json');
const specifier = (subpath: string): string =>
  subpath === '.' ? 'nestjs-dflag' : `nestjs-dflag/${subpath.slice(2)}`;

const run = (command: string, args: string[], cwd: string): string =>
  execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

/**
 * The package as npm publishes it: `npm pack` of this repository (after `npm run build`),
 * unpacked into a temporary project's node_modules the way `npm install` lays it out — its
 * dependencies and peers linked from this repository's node_modules (no registry needed), its
 * bin linked and made executable as npm does.
 */
describe('the packed tarball, installed into a fresh project', () => {
  let dir = '';
  let project = '';
  let files: string[] = [];

  beforeAll(async () => {
    dir = await makeTempDir('dflag-pack-');
    const [packed] = JSON.parse(
      run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], ROOT),
    ) as [{ filename: string; files: { path: string }[] }];
    files = packed.files.map((f) => f.path);
    project = join(dir, 'project');
    const target = join(project, 'node_modules', 'nestjs-dflag');
    mkdirSync(target, { recursive: true });
    run('tar', ['-xzf', join(dir, packed.filename), '-C', target, '--strip-components=1'], dir);
    writeFileSync(join(project, 'package.json'), '{"name":"consumer","private":true}\n');
    for (const name of [
      ...Object.keys(manifest.dependencies),
      ...Object.keys(manifest.peerDependencies),
    ]) {
      const link = join(project, 'node_modules', name);
      mkdirSync(dirname(link), { recursive: true });
      symlinkSync(join(ROOT, 'node_modules', name), link, 'dir');
    }
    const bin = join(project, 'node_modules', '.bin');
    mkdirSync(bin, { recursive: true });
    for (const [name, path] of Object.entries(manifest.bin)) {
      symlinkSync(join('..', 'nestjs-dflag', path), join(bin, name));
      chmodSync(join(target, path), 0o755);
    }
  }, 120_000);

  afterAll(async () => {
    if (dir) await removeTempDir(dir);
  });

  it('ships dist with types and maps, the sources the maps point to, the docs, and no tests', () => {
    for (const required of ['README.md', 'LICENSE', 'CHANGELOG.md', 'package.json'])
      expect(files).toContain(required);
    for (const subpath of SUBPATHS) {
      const entry = subpath === '.' ? 'index' : `${subpath.slice(2)}/index`;
      for (const suffix of ['.js', '.d.ts', '.js.map', '.d.ts.map'])
        expect(files).toContain(`dist/${entry}${suffix}`);
    }
    expect(
      files.filter((f) => /^(test|sample-app|bench|\.ci)\//.test(f) || f.includes('.spec.')),
    ).toEqual([]);
    // Every source a map names is in the package.
    const missing: string[] = [];
    for (const map of files.filter((f) => f.endsWith('.js.map'))) {
      const { sources } = JSON.parse(
        readFileSync(join(project, 'node_modules/nestjs-dflag', map), 'utf8'),
      ) as { sources: string[] };
      for (const source of sources) {
        const path = join(dirname(map), source);
        if (!files.includes(path)) missing.push(`${map} → ${path}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('every subpath imports as ESM', () => {
    const script = SUBPATHS.map(
      (subpath) =>
        `{ const m = await import(${JSON.stringify(specifier(subpath))}); if (Object.keys(m).length === 0) throw new Error('empty ${subpath}'); }`,
    ).join('\n');
    writeFileSync(
      join(project, 'esm.mjs'),
      `import 'reflect-metadata';\n${script}\nconsole.log('esm ok');\n`,
    );
    expect(run(process.execPath, ['esm.mjs'], project).trim()).toBe('esm ok');
  });

  it('every subpath require()s from CommonJS (Node ≥ 20.19)', () => {
    const script = SUBPATHS.map(
      (subpath) =>
        `{ const m = require(${JSON.stringify(specifier(subpath))}); if (Object.keys(m).length === 0) throw new Error('empty ${subpath}'); }`,
    ).join('\n');
    writeFileSync(
      join(project, 'cjs.cjs'),
      `require('reflect-metadata');\n${script}\nconsole.log('cjs ok');\n`,
    );
    const out = execFileSync(process.execPath, ['cjs.cjs'], {
      cwd: project,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    expect(out.trim()).toBe('cjs ok');
  });

  it('`npx dflag --version` runs the bin and prints the package version', () => {
    const bin = join(project, 'node_modules/nestjs-dflag', manifest.bin.dflag!);
    expect(readFileSync(bin, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect(existsSync(bin) && statSync(bin).isFile()).toBe(true);
    expect(run('npx', ['--no-install', 'dflag', '--version'], project).trim()).toBe(
      manifest.version,
    );
  });
});
