import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ErrorCode, OpenFeature, ProviderEvents, ProviderStatus } from '@openfeature/server-sdk';
import {
  ConfigMapEngine,
  DflagSetupError,
  defineFlags,
  flag,
  FlagSet,
} from '../../../lib/index.js';
import { DflagProvider } from '../../../lib/openfeature/index.js';
import { writeConfigMapVolume } from '../../../lib/testing/index.js';
import { eventually } from '../../utils/eventually.js';
import { makeTempDir, removeTempDir } from '../../utils/temp-dir.js';

const root = join(import.meta.dirname, '../../..');
const lib = join(root, 'lib');
const SPECIFIER =
  /(?:^|\s)(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/gm;

function packagesLoadedBy(entry: string): Set<string> {
  const packages = new Set<string>();
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const match of readFileSync(file, 'utf8').matchAll(SPECIFIER)) {
      const specifier = (match[1] ?? match[2] ?? match[3]) as string;
      if (specifier.startsWith('.'))
        visit(resolve(dirname(file), specifier.replace(/\.js$/, '.ts')));
      else packages.add(specifier);
    }
  };
  visit(entry);
  return packages;
}

function kinds() {
  const flagSet = new FlagSet('kinds');
  const flags = defineFlags(
    {
      on: flag.bool({ default: true, description: 'b' }),
      count: flag.int({ default: 3, description: 'i' }),
      wait: flag.duration({ default: 1500, description: 'd' }),
      name: flag.string({ default: 'n', description: 's' }),
      doc: flag.json({ default: { a: [1] }, description: 'j' }),
      items: flag.list({ default: ['x', 'y'], description: 'l' }),
      unique: flag.set({ default: new Set(['p', 'q']), description: 'set' }),
      blob: flag.bytes({ default: new Uint8Array([1]), description: 'bytes' }),
      secret: flag.string({ default: 'hush', description: 'k', sensitive: true }),
    },
    flagSet,
  );
  return { flagSet, flags };
}

describe('DflagProvider through the real SDK, over a bare flag set', () => {
  afterEach(async () => {
    await OpenFeature.clearProviders();
  });

  it('is a server provider named nestjs-dflag', () => {
    const provider = new DflagProvider(kinds().flagSet);
    expect(provider.metadata.name).toBe('nestjs-dflag');
    expect(provider.runsOn).toBe('server');
  });

  it('maps each kind to one resolver, and every other resolver answers TYPE_MISMATCH', async () => {
    const { flagSet } = kinds();
    await OpenFeature.setProviderAndWait('kinds', new DflagProvider(flagSet));
    const client = OpenFeature.getClient('kinds');
    const carried: Record<string, string | undefined> = {};
    for (const flag of flagSet) {
      const answers = {
        boolean: await client.getBooleanDetails(flag.name, false),
        number: await client.getNumberDetails(flag.name, 0),
        string: await client.getStringDetails(flag.name, ''),
        object: await client.getObjectDetails(flag.name, {}),
      };
      const ok = Object.entries(answers).filter(([, d]) => d.errorCode === undefined);
      carried[flag.name] = ok.map(([type]) => type).join();
      for (const [, details] of Object.entries(answers).filter(([, d]) => d.errorCode)) {
        expect(details.errorCode).toBe(
          flag.sensitive ? ErrorCode.FLAG_NOT_FOUND : ErrorCode.TYPE_MISMATCH,
        );
      }
    }
    expect(carried).toEqual({
      on: 'boolean',
      count: 'number',
      wait: 'number',
      name: 'string',
      doc: 'object',
      items: 'object',
      unique: 'object',
      blob: '',
      secret: '',
    });
    expect(await client.getObjectValue('unique', [])).toEqual(['p', 'q']);
    expect(await client.getNumberDetails('wait', 0)).toMatchObject({
      value: 1500,
      reason: 'DEFAULT',
      flagMetadata: { source: 'default', dynamic: false },
    });
    // No ConfigMap: no version or generation in the metadata.
    expect(Object.keys((await client.getNumberDetails('wait', 0)).flagMetadata).sort()).toEqual([
      'dynamic',
      'source',
    ]);
  });

  it('exposeSensitive: true reads every sensitive flag', async () => {
    const { flagSet } = kinds();
    await OpenFeature.setProviderAndWait(
      'exposed',
      new DflagProvider(flagSet, { exposeSensitive: true }),
    );
    expect(await OpenFeature.getClient('exposed').getStringValue('secret', '')).toBe('hush');
  });

  it('refuses exposeSensitive names that are undeclared or not sensitive, at construction', () => {
    const { flagSet } = kinds();
    expect(() => new DflagProvider(flagSet, { exposeSensitive: ['secrets'] })).toThrow(
      DflagSetupError,
    );
    expect(() => new DflagProvider(flagSet, { exposeSensitive: ['name'] })).toThrow(
      'exposeSensitive names flags that are not sensitive (they are readable anyway): name',
    );
  });

  it('emits CONFIGURATION_CHANGED for a direct apply(), after the swap', async () => {
    const { flagSet } = kinds();
    await OpenFeature.setProviderAndWait('applied', new DflagProvider(flagSet));
    const client = OpenFeature.getClient('applied');
    const heard: Array<{ flags: string[] | undefined; count: number }> = [];
    client.addHandler(ProviderEvents.ConfigurationChanged, async (details) => {
      heard.push({ flags: details?.flagsChanged, count: await client.getNumberValue('count', 0) });
    });
    flagSet.apply([
      { name: 'count', source: 'command-line', raw: '9' },
      { name: 'secret', source: 'command-line', raw: 'other' },
    ]);
    await eventually(() => expect(heard).toEqual([{ flags: ['count'], count: 9 }]));
    expect((await client.getNumberDetails('count', 0)).reason).toBe('STATIC');
  });
});

describe('DflagProvider over a ConfigMapEngine', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await makeTempDir('dflag-of-engine-');
  });

  afterEach(async () => {
    await OpenFeature.clearProviders();
    await removeTempDir(dir);
  });

  it('initialize() loads an engine not yet initialized: ready once the flags are loaded', async () => {
    const { flagSet } = kinds();
    await writeConfigMapVolume(join(dir, 'vol'), { count: '42' });
    const engine = new ConfigMapEngine({ path: join(dir, 'vol'), flagSet });
    expect(engine.initialized).toBe(false);
    await OpenFeature.setProviderAndWait('engine', new DflagProvider(engine));
    expect(engine.initialized).toBe(true);
    expect(await OpenFeature.getClient('engine').getNumberDetails('count', 0)).toMatchObject({
      value: 42,
      reason: 'STATIC',
      flagMetadata: { source: 'configmap', generation: 1, version: engine.status().version },
    });
    await engine.stop();
  });

  it("a load that fails puts the provider in ERROR with the engine's message", async () => {
    const { flagSet } = kinds();
    const engine = new ConfigMapEngine({ path: join(dir, 'missing'), flagSet });
    const errors: Array<string | undefined> = [];
    OpenFeature.getClient('failing').addHandler(ProviderEvents.Error, (details) => {
      errors.push(details?.message);
    });
    await expect(
      OpenFeature.setProviderAndWait('failing', new DflagProvider(engine)),
    ).rejects.toThrow(join(dir, 'missing'));
    expect(OpenFeature.getClient('failing').providerStatus).toBe(ProviderStatus.ERROR);
    expect(errors).toEqual([expect.stringContaining(join(dir, 'missing'))]);
  });
});

describe('the subpath keeps @openfeature/server-sdk an optional peer', () => {
  it('nothing that lib/index.ts loads imports an @openfeature package', () => {
    expect(
      [...packagesLoadedBy(join(lib, 'index.ts'))].filter((p) => p.startsWith('@openfeature/')),
    ).toEqual([]);
  });

  it('no file outside lib/openfeature/ mentions an @openfeature package, not even for types', () => {
    const files = readdirSync(lib, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.ts') && !file.startsWith('openfeature'))
      .filter((file) => readFileSync(join(lib, file), 'utf8').includes('@openfeature/'));
    expect(files).toEqual([]);
  });

  it('the openfeature entry point does, and package.json exports it', () => {
    expect(packagesLoadedBy(join(lib, 'openfeature/index.ts')).has('@openfeature/server-sdk')).toBe(
      true,
    );
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      exports: Record<string, unknown>;
      peerDependenciesMeta: Record<string, { optional?: boolean }>;
    };
    expect(manifest.exports['./openfeature']).toEqual({
      types: './dist/openfeature/index.d.ts',
      default: './dist/openfeature/index.js',
    });
    expect(manifest.peerDependenciesMeta['@openfeature/server-sdk']?.optional).toBe(true);
  });
});
