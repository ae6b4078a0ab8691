import { execFile } from 'node:child_process';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { cp, mkdir, readdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { makeTempDir, removeTempDir } from '../utils/temp-dir.js';
import { createVolume } from './support/volume.js';
import type { TestVolume } from './support/volume.js';

const root = join(import.meta.dirname, '../..');
const distMetrics = join(root, 'dist/metrics/index.js');
const run = promisify(execFile);

/** The application an installed nestjs-dflag runs: DflagModule with DflagMetricsModule, plain ESM. */
const MAIN = `
import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { DflagModule, FlagSet, defineFlags, flag } from 'nestjs-dflag';
import { DflagMetricsModule } from 'nestjs-dflag/metrics';

const flagSet = new FlagSet('app');
defineFlags({ mode: flag.string({ default: 'normal', description: 'Mode', dynamic: true }) }, flagSet);
class AppModule {}
Module({
  imports: [
    EventEmitterModule.forRoot(),
    DflagModule.forRoot({ path: process.argv[2], flagSet }),
    DflagMetricsModule.register(),
  ],
})(AppModule);
try {
  const app = await NestFactory.createApplicationContext(AppModule, { logger: false, abortOnError: false });
  const { register } = await import('prom-client');
  console.log(JSON.stringify({ started: true, registered: register.getSingleMetric('dflag_config_info') !== undefined }));
  await app.close();
} catch (error) {
  console.log(JSON.stringify({ started: false, name: error.name, code: error.code, message: error.message }));
}
`;

/**
 * installApp lays out an application as npm installs it: its own node_modules
 * holding a copy of the built nestjs-dflag (package.json and dist) and every
 * other package of this repository's node_modules (linked), prom-client only
 * when asked. Nothing above the temp dir holds a node_modules, so a package
 * left out is missing for real.
 */
async function installApp(dir: string, withPromClient: boolean): Promise<string> {
  const modules = join(dir, 'node_modules');
  await mkdir(modules, { recursive: true });
  const installed = realpathSync(join(root, 'node_modules'));
  for (const entry of await readdir(installed)) {
    if (entry.startsWith('.') || entry === 'nestjs-dflag') continue;
    if (entry === 'prom-client' && !withPromClient) continue;
    await symlink(join(installed, entry), join(modules, entry));
  }
  const self = join(modules, 'nestjs-dflag');
  await mkdir(self);
  await cp(join(root, 'package.json'), join(self, 'package.json'));
  await cp(join(root, 'dist'), join(self, 'dist'), { recursive: true });
  await writeFile(join(dir, 'package.json'), '{ "type": "module" }');
  await writeFile(join(dir, 'main.mjs'), MAIN);
  return join(dir, 'main.mjs');
}

/** Every .ts file under a directory. */
async function sources(dir: string): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true }))
    if (entry.isFile() && entry.name.endsWith('.ts'))
      files.push(join(entry.parentPath, entry.name));
  return files;
}

/** A run-time import of prom-client (a type-only one is erased). */
const LOADS_PROM =
  /(?:^|\s)(?:import|export)\s(?!type\b)[^'"]*?from\s+['"]prom-client['"]|import\(\s*['"]prom-client['"]\s*\)/m;

describe('prom-client stays an optional peer', () => {
  it('only lib/metrics/load-prom-client.util.ts loads it, by a dynamic import', async () => {
    const loaders = (await sources(join(root, 'lib')))
      .filter((file) => LOADS_PROM.test(readFileSync(file, 'utf8')))
      .map((file) => file.slice(root.length + 1));
    expect(loaders).toEqual(['lib/metrics/load-prom-client.util.ts']);
    expect(LOADS_PROM.test("import { register } from 'prom-client';")).toBe(true);
    expect(LOADS_PROM.test("import type { Registry } from 'prom-client';")).toBe(false);
  });
});

describe('DflagMetricsModule without prom-client installed', () => {
  let work = '';
  let volume: TestVolume;

  beforeAll(() => {
    if (!existsSync(distMetrics)) throw new Error('Build first: npm run build (npm test does)');
  });
  beforeEach(async () => {
    work = await makeTempDir('dflag-no-prom-');
    volume = await createVolume({ mode: 'fast' });
  });
  afterEach(async () => {
    await removeTempDir(work);
    await volume.remove();
  });

  const start = async (main: string) => {
    const { stdout } = await run(process.execPath, [main, volume.dir], { cwd: work });
    return JSON.parse(stdout.trim().split('\n').pop() as string) as Record<string, unknown>;
  };

  it('fails at start with a DflagSetupError saying what to install', async () => {
    const main = await installApp(work, false);
    // The layout really lacks it: Node cannot resolve prom-client from the application.
    await expect(
      run(process.execPath, ['--input-type=module', '-e', "await import('prom-client')"], {
        cwd: work,
      }),
    ).rejects.toThrow(/Cannot find package 'prom-client'/);
    expect(await start(main)).toEqual({
      started: false,
      name: 'DflagSetupError',
      code: 'DFLAG_SETUP',
      message:
        'DflagMetricsModule needs the package prom-client, which is not installed: run `npm install prom-client` (version ^15), or remove DflagMetricsModule.register() from the imports',
    });
  });

  it('the same application starts and registers its metrics once prom-client is installed', async () => {
    const main = await installApp(work, true);
    expect(await start(main)).toEqual({ started: true, registered: true });
  });
});
