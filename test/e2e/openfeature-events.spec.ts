import type { INestApplication } from '@nestjs/common';
import { ErrorCode, ProviderEvents, ProviderStatus } from '@openfeature/server-sdk';
import type { EventDetails, Hook } from '@openfeature/server-sdk';
import { eventually } from '../utils/eventually.js';
import { createVolume } from './support/volume.js';
import type { TestVolume } from './support/volume.js';
import { INITIAL, SECRET, startOpenFeatureApp } from './support/openfeature-app.js';
import type { OpenFeatureApp } from './support/openfeature-app.js';

/** EventLog records the provider events a client hears, in order. */
function recordEvents(started: OpenFeatureApp) {
  const events: Array<{ type: ProviderEvents; details: EventDetails | undefined }> = [];
  for (const type of [
    ProviderEvents.ConfigurationChanged,
    ProviderEvents.Stale,
    ProviderEvents.Ready,
  ])
    started.client.addHandler(type, (details) => {
      events.push({ type, details });
    });
  // Adding a READY handler to a ready provider runs it at once: start from what follows.
  events.length = 0;
  return events;
}

describe('OpenFeature events and hooks over a ConfigMap volume in a Nest application', () => {
  let volume: TestVolume;
  let app: INestApplication | undefined;

  beforeEach(async () => {
    volume = await createVolume(INITIAL);
  });

  afterEach(async () => {
    await app?.close();
    app = undefined;
    await volume.remove();
  });

  async function start(domain: string, options?: Parameters<typeof startOpenFeatureApp>[2]) {
    const started = await startOpenFeatureApp(volume.dir, domain, options);
    app = started.app;
    return started;
  }

  it('a swap emits CONFIGURATION_CHANGED with flagsChanged, the version and generation; handlers read the new values', async () => {
    const started = await start('events-swap');
    const events = recordEvents(started);
    let seenInHandler: number | undefined;
    started.client.addHandler(ProviderEvents.ConfigurationChanged, async () => {
      seenInHandler = await started.client.getNumberValue('rate', 0);
    });
    await volume.write({ ...INITIAL, rate: '20', mode: 'fast' });
    await eventually(() => expect(events).toHaveLength(1));
    const status = started.flagService.status();
    expect(events[0]).toMatchObject({
      type: ProviderEvents.ConfigurationChanged,
      details: {
        flagsChanged: ['rate', 'mode'],
        metadata: { version: status.version, generation: 2 },
        domain: 'events-swap',
        providerName: 'nestjs-dflag',
      },
    });
    await eventually(() => expect(seenInHandler).toBe(20));
    expect(started.client.providerStatus).toBe(ProviderStatus.READY);
  });

  it('a change from any source emits CONFIGURATION_CHANGED: an override, and removing it', async () => {
    const started = await start('events-override');
    const events = recordEvents(started);
    const restore = started.flags.rate.flagSet.override({ rate: 5, enabled: false });
    await eventually(() => expect(events).toHaveLength(1));
    expect(events[0]?.details?.flagsChanged).toEqual(['rate', 'enabled']);
    restore();
    await eventually(() => expect(events).toHaveLength(2));
    expect(events[1]?.details?.flagsChanged).toEqual(['rate', 'enabled']);
  });

  it('a change to a hidden sensitive flag alone emits nothing; mixed with others, only their names', async () => {
    const started = await start('events-hidden');
    const events = recordEvents(started);
    await volume.write({ ...INITIAL, api_key: 'sk_live_rotated' });
    await eventually(() => expect(started.flags.api_key.get()).toBe('sk_live_rotated'));
    await volume.write({ ...INITIAL, api_key: 'sk_live_again', rate: '11' });
    await eventually(() => expect(events).toHaveLength(1));
    expect(events[0]?.details?.flagsChanged).toEqual(['rate']);
  });

  it('STALE while a refused version keeps the last good value serving, READY again once a good version applies', async () => {
    const started = await start('events-stale');
    const { client } = started;
    const events = recordEvents(started);

    await volume.write({ ...INITIAL, rate: '-5', mode: 'slow' });
    await eventually(() => expect(events.map((e) => e.type)).toContain(ProviderEvents.Stale));
    // The valid part of the version applied first (keep-last-good), then the refusal is announced.
    expect(events.map((e) => e.type)).toEqual([
      ProviderEvents.ConfigurationChanged,
      ProviderEvents.Stale,
    ]);
    expect(events[0]?.details?.flagsChanged).toEqual(['mode']);
    expect(events[1]?.details).toMatchObject({
      message: expect.stringMatching(
        /was refused for 1 flag \(rate\); the last good values serve$/,
      ),
      metadata: { generation: 2 },
    });
    expect(client.providerStatus).toBe(ProviderStatus.STALE);
    const rate = await client.getNumberDetails('rate', 0);
    expect(rate).toMatchObject({ value: 10, reason: 'STALE', flagMetadata: { generation: 2 } });
    expect(rate.errorCode).toBeUndefined();
    expect(await client.getStringDetails('mode', '')).toMatchObject({
      value: 'slow',
      reason: 'STATIC',
    });

    await volume.write({ ...INITIAL, rate: '30', mode: 'slow' });
    await eventually(() => expect(events).toHaveLength(4));
    expect(events.slice(2).map((e) => e.type)).toEqual([
      ProviderEvents.ConfigurationChanged,
      ProviderEvents.Ready,
    ]);
    expect(events[3]?.details).toMatchObject({ metadata: { generation: 3 } });
    expect(client.providerStatus).toBe(ProviderStatus.READY);
    expect(await client.getNumberDetails('rate', 0)).toMatchObject({ value: 30, reason: 'STATIC' });
  });

  it('reject-version: a refused version is STALE with nothing changed, the fix READY', async () => {
    const started = await start('events-reject', { dflag: { onInvalid: 'reject-version' } });
    const events = recordEvents(started);
    await volume.write({ ...INITIAL, rate: '-5', mode: 'slow' });
    await eventually(() => expect(events.map((e) => e.type)).toEqual([ProviderEvents.Stale]));
    expect(await started.client.getStringValue('mode', '')).toBe('normal');
    expect((await started.client.getNumberDetails('rate', 0)).reason).toBe('STALE');
    await volume.write({ ...INITIAL, mode: 'slow' });
    await eventually(() =>
      expect(events.map((e) => e.type)).toEqual([
        ProviderEvents.Stale,
        ProviderEvents.ConfigurationChanged,
        ProviderEvents.Ready,
      ]),
    );
  });

  it('started on refused values (startOnInvalid): STALE after initialization, the flag STALE on its default', async () => {
    await volume.write({ ...INITIAL, rate: '-1' });
    const started = await start('events-start-stale', { dflag: { startOnInvalid: true } });
    expect(started.client.providerStatus).toBe(ProviderStatus.STALE);
    expect(await started.client.getNumberDetails('rate', 0)).toMatchObject({
      value: 100,
      reason: 'STALE',
      flagMetadata: { source: 'default' },
    });
  });

  it('hooks receive the values they evaluate, never a hidden sensitive one; nothing secret reaches a hook, an event, metadata or a log', async () => {
    const started = await start('events-hooks');
    const seen: unknown[] = [];
    const hook: Hook = {
      before: (context) => void seen.push({ before: context.flagKey }),
      after: (_context, details) => void seen.push({ after: details }),
      error: (context, error) => void seen.push({ error: context.flagKey, message: String(error) }),
      finally: (_context, details) => void seen.push({ finally: details }),
    };
    started.client.addHooks(hook);
    const events = recordEvents(started);
    expect(await started.client.getNumberValue('rate', 0)).toBe(10);
    expect(seen).toContainEqual({
      after: expect.objectContaining({ flagKey: 'rate', value: 10, reason: 'STATIC' }),
    });
    seen.length = 0;
    expect(await started.client.getStringValue('api_key', 'none')).toBe('none');
    expect(seen).toContainEqual({
      error: 'api_key',
      message: expect.stringContaining('sensitive'),
    });
    expect(seen).toContainEqual({
      finally: expect.objectContaining({ value: 'none', errorCode: ErrorCode.FLAG_NOT_FOUND }),
    });
    expect(seen.some((entry) => 'after' in (entry as object))).toBe(false);

    // A refused sensitive value and a swap: the events and logs name the flag, never the value.
    await volume.write({ ...INITIAL, rate: '-3', api_key: `${SECRET}-2` });
    await eventually(() => expect(events.map((e) => e.type)).toContain(ProviderEvents.Stale));
    const everything = JSON.stringify({ seen, events, logs: started.logger.lines });
    expect(everything).not.toContain('sk_live');
    expect(everything).not.toContain('do-not-leak');
  });

  it('exposeSensitive lets OpenFeature read the flags named, and says so by reading them', async () => {
    const started = await start('events-exposed', {
      openFeature: { exposeSensitive: ['api_key'] },
    });
    expect(await started.client.getStringDetails('api_key', 'none')).toMatchObject({
      value: SECRET,
      reason: 'STATIC',
    });
  });
});
