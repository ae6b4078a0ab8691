import { Injectable, Logger, Module } from '@nestjs/common';
import type { DynamicModule } from '@nestjs/common';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { Test } from '@nestjs/testing';
import { DflagModule, DflagSetupError, FlagService, loadFlags } from '../../lib/index.js';
import type { DflagModuleOptions, DflagOptions } from '../../lib/index.js';
import { makeAppFlags } from './support/app-flags.js';
import { refused } from './support/refused.js';
import { createVolume } from './support/volume.js';
import type { TestVolume } from './support/volume.js';

const nanLine =
  'resyncInterval is NaN (what Number() gives for an unset or non-numeric environment variable): expected an integer number of milliseconds: 0 (off), or from 10 to 86400000 (one day)';
/** The value `Number(process.env.X)` gives when X is unset. */
const unsetNumber = () => Number(process.env.DFLAG_SURELY_UNSET_VARIABLE);

describe('options are checked when given: loadFlags(), DflagModule.forRoot() and forRootAsync()', () => {
  let volume: TestVolume;

  beforeEach(async () => {
    volume = await createVolume({ port: '8080', rate_limit: '7' });
  });

  afterEach(() => volume.remove());

  async function compile(flagsModule: DynamicModule) {
    @Module({ imports: [EventEmitterModule.forRoot(), flagsModule] })
    class AppModule {}
    return Test.createTestingModule({ imports: [AppModule] }).compile();
  }

  it('loadFlags() refuses resyncInterval: NaN before reading anything', async () => {
    const { flagSet, flags } = makeAppFlags();
    const loaded = refused(loadFlags({ path: volume.dir, flagSet, resyncInterval: unsetNumber() }));
    await expect(loaded).rejects.toThrow(DflagSetupError);
    await expect(loaded).rejects.toThrow(`Invalid options for loadFlags():\n  - ${nanLine}`);
    expect(flags.port.source).toBe('default');
    // Nothing is left bound: the corrected call loads.
    await expect(loadFlags({ path: volume.dir, flagSet })).resolves.toMatchObject({
      result: 'applied',
    });
  });

  it('loadFlags() refuses a misspelt option, and a path that is not a string', async () => {
    const { flagSet } = makeAppFlags();
    await expect(
      refused(loadFlags({ path: volume.dir, flagSet, resyncIntreval: 1000 } as DflagOptions)),
    ).rejects.toThrow(
      'Invalid options for loadFlags():\n  - "resyncIntreval" is not an option of loadFlags(): did you mean "resyncInterval"?',
    );
    await expect(
      refused(loadFlags(process.env.DFLAG_SURELY_UNSET_VARIABLE as string)),
    ).rejects.toThrow(
      'Invalid options for loadFlags():\n  - expected a path (a non-empty string) or an options object, got undefined',
    );
  });

  it('DflagModule.forRoot() refuses bad options where it is called, listing every problem', () => {
    const { flagSet } = makeAppFlags();
    const forRoot = () =>
      DflagModule.forRoot({
        path: volume.dir,
        flagSet,
        resyncInterval: unsetNumber(),
        isGlobl: true,
        name: '',
      } as DflagModuleOptions);
    expect(forRoot).toThrow(DflagSetupError);
    expect(forRoot).toThrow(
      [
        'Invalid options for DflagModule.forRoot():',
        `  - ${nanLine}`,
        '  - name is the string "": expected a non-empty string (the registration\'s name)',
        '  - "isGlobl" is not an option of DflagModule.forRoot(): did you mean "isGlobal"?',
      ].join('\n'),
    );
    expect(() => DflagModule.forRoot(undefined as unknown as string)).toThrow(
      'Invalid options for DflagModule.forRoot():\n  - expected a path (a non-empty string) or an options object, got undefined',
    );
  });

  it('DflagModule.forRootAsync() checks what its factory returned, before reading anything', async () => {
    const { flagSet, flags } = makeAppFlags();
    @Injectable()
    class Settings {
      readonly interval = unsetNumber();
    }
    @Module({ providers: [Settings], exports: [Settings] })
    class SettingsModule {}
    const compiled = refused(
      compile(
        DflagModule.forRootAsync({
          imports: [SettingsModule],
          inject: [Settings],
          useFactory: (settings: Settings) => ({
            path: volume.dir,
            flagSet,
            resyncInterval: settings.interval,
          }),
        }),
      ),
    );
    await expect(compiled).rejects.toThrow(DflagSetupError);
    await expect(compiled).rejects.toThrow(
      `Invalid options for DflagModule.forRootAsync() (what its factory returned):\n  - ${nanLine}`,
    );
    expect(flags.port.source).toBe('default');
  });

  it('forRootAsync(): an extra returned by the factory is refused, saying where it goes', async () => {
    const { flagSet } = makeAppFlags();
    const compiled = refused(
      compile(
        DflagModule.forRootAsync({
          useFactory: () => ({ path: volume.dir, flagSet, isGlobal: true }) as DflagModuleOptions,
        }),
      ),
    );
    await expect(compiled).rejects.toThrow(
      '"isGlobal" is not an option of DflagModule.forRootAsync() (what its factory returned): give isGlobal to forRootAsync() itself, next to useFactory',
    );
  });

  it('forRootAsync() refuses a misspelt key of its own, and a call without a factory', () => {
    expect(() =>
      DflagModule.forRootAsync({
        useFactry: () => ({ path: volume.dir }),
      } as unknown as Parameters<typeof DflagModule.forRootAsync>[0]),
    ).toThrow(
      [
        'Invalid options for DflagModule.forRootAsync():',
        '  - one of useFactory, useClass or useExisting is needed: it provides the options',
        '  - "useFactry" is not an option of DflagModule.forRootAsync(): did you mean "useFactory"?',
      ].join('\n'),
    );
    expect(() =>
      DflagModule.forRootAsync({
        useFactory: () => ({ path: volume.dir }),
        inject: 'Settings',
        isGlobal: 'yes',
      } as unknown as Parameters<typeof DflagModule.forRootAsync>[0]),
    ).toThrow(
      [
        'Invalid options for DflagModule.forRootAsync():',
        '  - inject is the string "Settings": expected an array of injection tokens',
        '  - isGlobal is the string "yes": expected true or false',
      ].join('\n'),
    );
  });

  it('valid options, a Nest Logger among them, still bind and load', async () => {
    const { flagSet, flags } = makeAppFlags();
    const moduleRef = await compile(
      DflagModule.forRoot({
        path: volume.dir,
        flagSet,
        resyncInterval: 0,
        settleDelay: 0,
        logger: new Logger('flags'),
        isGlobal: true,
        name: 'default',
      }),
    );
    expect(flags.rate_limit.get()).toBe(7);
    expect(moduleRef.get(FlagService).status().options).toMatchObject({ resyncInterval: 0 });
    await moduleRef.close();
  });
});
