import type { INestApplication } from '@nestjs/common';
import { ErrorCode, OpenFeature, StandardResolutionReasons } from '@openfeature/server-sdk';
import { createVolume } from './support/volume.js';
import type { TestVolume } from './support/volume.js';
import { INITIAL, startOpenFeatureApp } from './support/openfeature-app.js';
import type { OpenFeatureApp } from './support/openfeature-app.js';

describe('OpenFeature evaluations over a ConfigMap volume in a Nest application', () => {
  let volume: TestVolume;
  let app: INestApplication | undefined;
  let started: OpenFeatureApp;

  beforeEach(async () => {
    volume = await createVolume(INITIAL);
    started = await startOpenFeatureApp(volume.dir, 'values');
    app = started.app;
  });

  afterEach(async () => {
    await app?.close();
    app = undefined;
    await volume.remove();
  });

  it('reads every kind through its resolver: numbers, booleans, strings, objects and arrays', async () => {
    const { client } = started;
    expect(await client.getNumberValue('rate', 0)).toBe(10);
    expect(await client.getNumberValue('port', 0)).toBe(8080);
    expect(await client.getNumberValue('ratio', 0)).toBe(0.25);
    expect(await client.getNumberValue('timeout', 0)).toBe(90_000); // milliseconds
    expect(await client.getBooleanValue('enabled', false)).toBe(true);
    expect(await client.getStringValue('mode', 'x')).toBe('normal');
    expect(await client.getObjectValue('limits', {})).toEqual({ burst: 5, paths: ['/a'] });
    expect(await client.getObjectValue('hosts', [])).toEqual(['a.example', 'b.example']);
    expect(await client.getObjectValue('tags', [])).toEqual(['blue', 'green']);
  });

  it('says STATIC for a value a source set and DEFAULT for the declared default, with the metadata', async () => {
    const { client, flagService } = started;
    const status = flagService.status();
    const rate = await client.getNumberDetails('rate', 0);
    expect(rate).toMatchObject({
      value: 10,
      reason: StandardResolutionReasons.STATIC,
      flagMetadata: {
        source: 'configmap',
        dynamic: true,
        version: status.version,
        generation: 1,
      },
    });
    expect(rate.errorCode).toBeUndefined();
    expect(status.version).toMatch(/^\.\.\d{4}_/);
    const mode = await client.getStringDetails('mode', 'x');
    expect(mode).toMatchObject({
      value: 'normal',
      reason: StandardResolutionReasons.DEFAULT,
      flagMetadata: { source: 'default', dynamic: true },
    });
    expect((await client.getNumberDetails('port', 0)).flagMetadata).toMatchObject({
      source: 'configmap',
      dynamic: false,
    });
  });

  it('an override is STATIC from the override layer', async () => {
    const restore = started.flags.rate.flagSet.override({ rate: 77 });
    const rate = await started.client.getNumberDetails('rate', 0);
    expect(rate).toMatchObject({
      value: 77,
      reason: 'STATIC',
      flagMetadata: { source: 'override' },
    });
    restore();
    expect(await started.client.getNumberValue('rate', 0)).toBe(10);
  });

  it('FLAG_NOT_FOUND for an undeclared key: the caller gets its default', async () => {
    const details = await started.client.getBooleanDetails('no_such_flag', true);
    expect(details).toMatchObject({
      value: true,
      reason: StandardResolutionReasons.ERROR,
      errorCode: ErrorCode.FLAG_NOT_FOUND,
      errorMessage: 'Flag "no_such_flag" is not declared in flag set "of-app"',
    });
  });

  it('TYPE_MISMATCH for another type than the flag holds, naming both', async () => {
    const { client } = started;
    const asBoolean = await client.getBooleanDetails('rate', false);
    expect(asBoolean).toMatchObject({
      value: false,
      reason: 'ERROR',
      errorCode: ErrorCode.TYPE_MISMATCH,
      errorMessage:
        'Flag "rate" is an int flag, read through OpenFeature as number; it was asked for as boolean',
    });
    expect((await client.getStringDetails('enabled', 'd')).errorCode).toBe(ErrorCode.TYPE_MISMATCH);
    expect((await client.getNumberDetails('hosts', 1)).errorCode).toBe(ErrorCode.TYPE_MISMATCH);
    expect((await client.getObjectDetails('mode', {})).errorCode).toBe(ErrorCode.TYPE_MISMATCH);
  });

  it('TYPE_MISMATCH for a bytes flag through every resolver (OpenFeature has no binary type)', async () => {
    const details = await started.client.getObjectDetails('cert', { fallback: true });
    expect(details).toMatchObject({
      value: { fallback: true },
      errorCode: ErrorCode.TYPE_MISMATCH,
      errorMessage:
        'Flag "cert" is a bytes flag, which OpenFeature has no type for; read it with its handle\'s get()',
    });
    expect((await started.client.getStringDetails('cert', '')).errorCode).toBe(
      ErrorCode.TYPE_MISMATCH,
    );
  });

  it('a sensitive flag answers FLAG_NOT_FOUND, with the default and without its value', async () => {
    const details = await started.client.getStringDetails('api_key', 'none');
    expect(details).toMatchObject({
      value: 'none',
      errorCode: ErrorCode.FLAG_NOT_FOUND,
      flagMetadata: {},
    });
    expect(details.errorMessage).toContain('sensitive');
    expect(JSON.stringify(details)).not.toContain('sk_live');
  });

  it('ignores the evaluation context: every caller gets the flag value', async () => {
    const { client } = started;
    expect(await client.getNumberValue('rate', 0, { targetingKey: 'user-1', plan: 'gold' })).toBe(
      10,
    );
  });

  it('registers under the domain chosen, as nestjs-dflag, on the server', () => {
    expect(OpenFeature.getProviderMetadata('values').name).toBe('nestjs-dflag');
    expect(started.client.metadata.domain).toBe('values');
    expect(started.client.providerStatus).toBe('READY');
  });
});
