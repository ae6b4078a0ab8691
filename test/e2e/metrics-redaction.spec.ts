import { Module } from '@nestjs/common';
import type { INestApplication } from '@nestjs/common';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { Test } from '@nestjs/testing';
import { Registry } from 'prom-client';
import request from 'supertest';
import { DflagModule } from '../../lib/index.js';
import { DflagMetricsModule } from '../../lib/metrics/index.js';
import { eventually } from '../utils/eventually.js';
import { makeAppFlags } from './support/app-flags.js';
import { parseExposition } from './support/exposition.js';
import type { Exposition } from './support/exposition.js';
import { metricsRoute } from './support/metrics.module.js';
import { createVolume } from './support/volume.js';
import type { TestVolume } from './support/volume.js';

/**
 * What a scrape says that could depend on values: every label value (but the version, the name
 * of kubelet's timestamped directory, checked to be one), and the hash gauges.
 */
const valueDependent = (m: Exposition) => ({
  versions: m
    .all('dflag_config_info')
    .map((s) => /^\.\.\d{4}(_\d\d){5}\.\d+$/.test(s.labels.version ?? '')),
  labels: [
    ...new Set(
      m.samples.flatMap((s) =>
        Object.entries(s.labels).flatMap(([key, value]) => (key === 'version' ? [] : [value])),
      ),
    ),
  ].sort(),
  hashes: m.all('dflag_config_hash').map((s) => [s.labels.type, s.value]),
});

describe('metrics never show a sensitive value', () => {
  let volume: TestVolume;
  let app: INestApplication | undefined;

  afterEach(async () => {
    await app?.close();
    app = undefined;
    await volume.remove();
  });

  it('the same scrape whatever the secret (long, short, a number, a flag name): no label, no hash moves', async () => {
    const base = { port: '8080', rate_limit: '10', mode: 'fast' };
    volume = await createVolume({ ...base, api_key: 'first-secret-value' });
    const registry = new Registry();
    const { flagSet, flags } = makeAppFlags();
    @Module({
      imports: [
        EventEmitterModule.forRoot(),
        DflagModule.forRoot({ path: volume.dir, flagSet }),
        DflagMetricsModule.register({ registry }),
        metricsRoute(registry),
      ],
    })
    class AppModule {}
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
    const server = app.getHttpServer();
    const scrape = async () => (await request(server).get('/metrics').expect(200)).text;

    const firstText = await scrape();
    expect(firstText).not.toContain('first-secret-value');
    const first = valueDependent(parseExposition(firstText));
    expect(first.versions).toEqual([true]);
    let changes = 0;
    for (const secret of ['s3cr3t-Token-42', '7', '8080', 'mode', 'x']) {
      await volume.write({ ...base, api_key: secret });
      changes += 1;
      const text = await eventually(async () => {
        const t = await scrape();
        expect(
          parseExposition(t).value('dflag_flag_changes_total', {
            flagset: 'default',
            flag: 'api_key',
          }),
        ).toBe(changes);
        return t;
      });
      expect(flags.api_key.get()).toBe(secret);
      // Values that also occur as numbers or names elsewhere cannot be searched for in the
      // text; what could carry them must simply not move when only the secret changes.
      expect(valueDependent(parseExposition(text))).toEqual(first);
      if (secret.length > 6) expect(text).not.toContain(secret);
    }
    // A non-sensitive change does move the hash: the comparison above can fail.
    await volume.write({ ...base, mode: 'slow', api_key: 'x' });
    await eventually(async () =>
      expect(valueDependent(parseExposition(await scrape())).hashes).not.toEqual(first.hashes),
    );
  });
});
