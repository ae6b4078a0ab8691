import type { INestApplication } from '@nestjs/common';
import { InMemoryProvider, OpenFeature, ProviderEvents } from '@openfeature/server-sdk';
import { DflagSetupError } from '../../lib/index.js';
import { DflagOpenFeatureModule } from '../../lib/openfeature/index.js';
import { eventually } from '../utils/eventually.js';
import { refused } from './support/refused.js';
import { createVolume } from './support/volume.js';
import type { TestVolume } from './support/volume.js';
import { INITIAL, startOpenFeatureApp } from './support/openfeature-app.js';

describe('OpenFeature domains: two applications in one process, and shutdown', () => {
  const volumes: TestVolume[] = [];
  const apps: INestApplication[] = [];
  const other = new InMemoryProvider({
    greeting: { variants: { on: 'hello' }, defaultVariant: 'on', disabled: false },
  });

  beforeAll(async () => {
    await OpenFeature.setProviderAndWait('someone-else', other);
  });

  afterEach(async () => {
    for (const app of apps.splice(0)) await app.close();
    for (const volume of volumes.splice(0)) await volume.remove();
  });

  async function volumeWith(payload: Record<string, string>) {
    const volume = await createVolume(payload);
    volumes.push(volume);
    return volume;
  }

  async function start(...args: Parameters<typeof startOpenFeatureApp>) {
    const started = await startOpenFeatureApp(...args);
    apps.push(started.app);
    return started;
  }

  it('two applications with separate domains each read their own flags; closing one leaves the other and every other provider registered', async () => {
    const a = await start((await volumeWith({ ...INITIAL, rate: '1' })).dir, 'app-a', {
      setName: 'a',
    });
    const b = await start((await volumeWith({ ...INITIAL, rate: '2' })).dir, 'app-b', {
      setName: 'b',
    });
    expect(await a.client.getNumberValue('rate', 0)).toBe(1);
    expect(await b.client.getNumberValue('rate', 0)).toBe(2);
    expect(await OpenFeature.getClient('app-b').getNumberValue('rate', 0)).toBe(2);
    const defaultProvider = OpenFeature.getProvider();

    await a.app.close();
    apps.splice(apps.indexOf(a.app), 1);

    // Only A's provider is gone: its domain's clients get their defaults.
    expect(await a.client.getNumberValue('rate', -1)).toBe(-1);
    expect(OpenFeature.getProviderMetadata('app-a').name).not.toBe('nestjs-dflag');
    expect(await b.client.getNumberValue('rate', 0)).toBe(2);
    expect(OpenFeature.getProviderMetadata('app-b').name).toBe('nestjs-dflag');
    expect(OpenFeature.getProvider('someone-else')).toBe(other);
    expect(await OpenFeature.getClient('someone-else').getStringValue('greeting', '')).toBe(
      'hello',
    );
    expect(OpenFeature.getProvider()).toBe(defaultProvider);

    // B still follows its ConfigMap.
    const changed: string[][] = [];
    b.client.addHandler(ProviderEvents.ConfigurationChanged, (details) => {
      changed.push(details?.flagsChanged ?? []);
    });
    await volumes[1]!.write({ ...INITIAL, rate: '3' });
    await eventually(() => expect(changed).toEqual([['rate']]));
    expect(await b.client.getNumberValue('rate', 0)).toBe(3);
  });

  it('a closed provider hears no more changes, and a new application can take its domain again', async () => {
    const volume = await volumeWith(INITIAL);
    const first = await start(volume.dir, 'app-reused', { setName: 'first' });
    const provider = OpenFeature.getProvider('app-reused');
    const heard: unknown[] = [];
    provider.events?.addHandler(ProviderEvents.ConfigurationChanged, (details) => {
      heard.push(details);
    });
    await first.app.close();
    apps.splice(apps.indexOf(first.app), 1);
    first.flags.rate.flagSet.override({ rate: 99 });
    await Promise.resolve();
    expect(heard).toEqual([]);

    const second = await start(volume.dir, 'app-reused', { setName: 'second' });
    expect(await second.client.getNumberValue('rate', 0)).toBe(10);
    expect(OpenFeature.getProvider('app-reused')).not.toBe(provider);
  });

  it('refuses a domain another live provider holds, naming it, and leaves that provider in place', async () => {
    const error = await refused(start((await volumeWith(INITIAL)).dir, 'someone-else')).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DflagSetupError);
    expect((error as Error).message).toBe(
      'OpenFeature domain "someone-else" is already bound to provider "in-memory" (OpenFeature is one per process: another application or another registration holds it); give DflagOpenFeatureModule.forRoot() another domain',
    );
    expect(OpenFeature.getProvider('someone-else')).toBe(other);

    const a = await start((await volumeWith(INITIAL)).dir, 'app-taken', { setName: 'taken-a' });
    await expect(
      refused(start((await volumeWith(INITIAL)).dir, 'app-taken', { setName: 'taken-b' })),
    ).rejects.toThrow('OpenFeature domain "app-taken" is already bound to provider "nestjs-dflag"');
    expect(await a.client.getNumberValue('rate', 0)).toBe(10);
  });
});

describe('DflagOpenFeatureModule.forRoot() options', () => {
  it('requires a domain', () => {
    expect(() => DflagOpenFeatureModule.forRoot({} as never)).toThrow(
      'Invalid options for DflagOpenFeatureModule.forRoot():\n  - domain is missing: expected a non-empty string (the OpenFeature domain the provider is registered under)',
    );
  });

  it('names a misspelt option with the closest one, and a value of the wrong kind with what is accepted', () => {
    const forRoot = () =>
      DflagOpenFeatureModule.forRoot({ domain: 'x', exposeSensitive: 'yes', domian: 'y' } as never);
    expect(forRoot).toThrow(DflagSetupError);
    expect(forRoot).toThrow(
      [
        'Invalid options for DflagOpenFeatureModule.forRoot():',
        '  - exposeSensitive is the string "yes": expected true, false or an array of sensitive flag names',
        '  - "domian" is not an option of DflagOpenFeatureModule.forRoot(): did you mean "domain"?',
      ].join('\n'),
    );
  });

  it('refuses exposeSensitive naming an undeclared or a non-sensitive flag, at start', async () => {
    const volume = await createVolume(INITIAL);
    try {
      await expect(
        refused(
          startOpenFeatureApp(volume.dir, 'opt-unknown', {
            openFeature: { exposeSensitive: ['apikey', 'rate'] },
          }),
        ),
      ).rejects.toThrow(
        'exposeSensitive names flags that are not declared in flag set "of-app": apikey',
      );
      await expect(
        refused(
          startOpenFeatureApp(volume.dir, 'opt-plain', {
            openFeature: { exposeSensitive: ['rate'] },
          }),
        ),
      ).rejects.toThrow(
        'exposeSensitive names flags that are not sensitive (they are readable anyway): rate',
      );
    } finally {
      await volume.remove();
    }
  });

  it('names a missing DflagModule registration', async () => {
    const volume = await createVolume(INITIAL);
    try {
      await expect(
        refused(
          startOpenFeatureApp(volume.dir, 'opt-registration', { openFeature: { name: 'billing' } }),
        ),
      ).rejects.toThrow(
        'DflagOpenFeatureModule found no DflagModule registration named "billing": import DflagModule.forRoot() (or forRootAsync()) in the application with name: "billing"',
      );
    } finally {
      await volume.remove();
    }
  });
});
