import { Module } from '@nestjs/common';
import type { INestApplication } from '@nestjs/common';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { z } from 'zod';
import { defineFlags, DflagModule, flag, FlagService, FlagSet } from '../../lib/index.js';
import type { DflagLogger } from '../../lib/index.js';
import { eventually } from '../utils/eventually.js';
import { EventRecorder } from './support/recorder.js';
import { createVolume } from './support/volume.js';
import type { TestVolume } from './support/volume.js';
import { HealthModule } from './support/health.module.js';

/** A sensitive key whose zod refine throws quoting the value, and a sensitive PIN. */
function secretFlags() {
  const flagSet = new FlagSet('secrets-e2e');
  const flags = defineFlags(
    {
      api_key: flag.string({
        default: 'sk_test_0',
        description: 'Upstream key',
        dynamic: true,
        sensitive: true,
        validate: z.string().refine((v) => {
          if (v.startsWith('sk_live_')) throw new Error(`"${v}" is not valid JSON`);
          return true;
        }),
      }),
      pin: flag.int({ default: 0, description: 'PIN', dynamic: true, sensitive: true }),
      rate: flag.int({ default: 1, description: 'rate', dynamic: true }),
    },
    flagSet,
  );
  return { flagSet, flags };
}

describe('a sensitive value reaches no output of the Nest module', () => {
  let volume: TestVolume;
  let app: INestApplication | undefined;

  beforeEach(async () => {
    volume = await createVolume({ api_key: 'sk_test_1', pin: '1111', rate: '1' });
  });

  afterEach(async () => {
    await app?.close();
    app = undefined;
    await volume.remove();
  });

  async function start() {
    const { flagSet, flags } = secretFlags();
    const lines: string[] = [];
    const logger: DflagLogger = {
      log: (m) => lines.push(String(m)),
      warn: (m) => lines.push(String(m)),
      error: (m) => lines.push(String(m)),
    };
    @Module({
      imports: [
        EventEmitterModule.forRoot(),
        DflagModule.forRoot({ path: volume.dir, flagSet, logger }),
        HealthModule,
      ],
      providers: [EventRecorder],
    })
    class AppModule {}
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
    return { flags, lines, recorder: app.get(EventRecorder), server: app.getHttpServer() };
  }

  it('health, status, events and the logger carry neither the secret nor a hash of it', async () => {
    const { flags, lines, recorder, server } = await start();
    const before = (await request(server).get('/health').expect(200)).body.details.dflag.checksums;

    await volume.write({ api_key: 'sk_live_51H8xQ', pin: '4821', rate: '1' });
    await eventually(() => expect(flags.pin.get()).toBe(4821));
    await eventually(() => expect(recorder.reloaded).toHaveLength(1));
    expect(flags.api_key.get()).toBe('sk_test_1'); // refused, keeps its last good value

    const health = (await request(server).get('/health').expect(200)).body.details.dflag;
    const status = app!.get(FlagService).status();
    const output = JSON.stringify([health, status, recorder.reloaded, recorder.changed, lines]);
    for (const secret of ['sk_live', '51H8xQ', '4821', 'not valid JSON', 'asynchronous']) {
      expect(output).not.toContain(secret);
    }
    expect(health.errors).toEqual([
      `Flag "api_key" from configmap (${volume.dir}/api_key): refused "[redacted]": the validator threw (what it threw is not shown for a sensitive flag); expected a value that passes the flag's validation`,
    ]);
    // The PIN changed, yet the published checksums did not: they are no oracle for it.
    expect(recorder.changed.map((c) => [c.name, c.current])).toEqual([['pin', '[redacted]']]);
    expect(health.checksums).toEqual(before);
    expect(recorder.changed[0]!.checksum).toBe(before.dynamic);
    expect(recorder.reloaded[0]!.checksums).toEqual(before);
  });
});
