import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { Test } from '@nestjs/testing';
import { DflagModule, DflagSetupError, FlagErrors } from '../../lib/index.js';
import { makeAppFlags } from './support/app-flags.js';
import { createVolume } from './support/volume.js';
import type { TestVolume } from './support/volume.js';

describe('DflagModule set-up errors', () => {
  let volume: TestVolume;

  beforeEach(async () => {
    volume = await createVolume({ port: '8080' });
  });

  afterEach(() => volume.remove());

  it('a missing EventEmitterModule is an error that says what to import', async () => {
    const { flagSet, flags } = makeAppFlags();
    @Module({ imports: [DflagModule.forRoot({ path: volume.dir, flagSet })] })
    class AppModule {}
    const compiled = Test.createTestingModule({ imports: [AppModule] }).compile();
    await expect(compiled).rejects.toThrow(DflagSetupError);
    await expect(compiled).rejects.toThrow(
      'DflagModule needs the event bus of @nestjs/event-emitter (for flag.changed and flag.reloaded): add EventEmitterModule.forRoot() to the imports of your root module',
    );
    await expect(compiled).rejects.toMatchObject({ code: 'DFLAG_SETUP', name: 'DflagSetupError' });
    // Reported before anything was read.
    expect(flags.port.source).toBe('default');
  });

  it('the same error through NestFactory.create (abortOnError: false)', async () => {
    const { flagSet } = makeAppFlags();
    @Module({ imports: [DflagModule.forRoot({ path: volume.dir, flagSet })] })
    class AppModule {}
    await expect(
      NestFactory.create(AppModule, { logger: false, abortOnError: false }),
    ).rejects.toThrow(/add EventEmitterModule\.forRoot\(\) to the imports/);
  });

  it('an EventEmitterModule that is not global and not visible to DflagModule gets the same error', async () => {
    const { flagSet } = makeAppFlags();
    @Module({ imports: [DflagModule.forRoot({ path: volume.dir, flagSet })] })
    class FlagsModule {}
    @Module({ imports: [EventEmitterModule.forRoot({ global: false }), FlagsModule] })
    class AppModule {}
    await expect(Test.createTestingModule({ imports: [AppModule] }).compile()).rejects.toThrow(
      /with global: false, import it where DflagModule is imported/,
    );
  });

  it('one flag set bound by two registrations is an error', async () => {
    const { flagSet } = makeAppFlags();
    @Module({
      imports: [
        EventEmitterModule.forRoot(),
        DflagModule.forRoot({ path: volume.dir, flagSet }),
        DflagModule.forRoot({ path: volume.dir, flagSet, name: 'again' }),
      ],
    })
    class AppModule {}
    await expect(Test.createTestingModule({ imports: [AppModule] }).compile()).rejects.toThrow(
      `Flag set "app" (${volume.dir}) is already bound by another DflagModule registration`,
    );
  });

  it('a missing directory is a clear error unless optional', async () => {
    const { flagSet } = makeAppFlags();
    @Module({
      imports: [
        EventEmitterModule.forRoot(),
        DflagModule.forRoot({ path: `${volume.root}/missing`, flagSet }),
      ],
    })
    class AppModule {}
    await expect(Test.createTestingModule({ imports: [AppModule] }).compile()).rejects.toThrow(
      `The ConfigMap directory ${volume.root}/missing does not exist`,
    );
  });

  it('invalid values at start are one error listing every bad key', async () => {
    await volume.write({ port: 'x', rate_limit: 'y', mode: 'ok' });
    const { flagSet, flags } = makeAppFlags();
    @Module({
      imports: [EventEmitterModule.forRoot(), DflagModule.forRoot({ path: volume.dir, flagSet })],
    })
    class AppModule {}
    const compiled = Test.createTestingModule({ imports: [AppModule] }).compile();
    await expect(compiled).rejects.toThrow(FlagErrors);
    await expect(compiled).rejects.toThrow(/Flag "port"[\s\S]*Flag "rate_limit"/);
    expect(flags.mode.get()).toBe('normal');
    // Nothing stays bound: a corrected application binds the set again.
    await volume.write({ port: '1', rate_limit: '2', mode: 'ok' });
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
    expect(flags.mode.get()).toBe('ok');
    await moduleRef.close();
  });
});
