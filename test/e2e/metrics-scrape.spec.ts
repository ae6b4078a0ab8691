import { Module } from '@nestjs/common';
import type { INestApplication } from '@nestjs/common';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { DflagModule, FlagService } from '../../lib/index.js';
import type { ConfigMapStatus, DflagModuleOptions } from '../../lib/index.js';
import { DflagMetricsModule } from '../../lib/metrics/index.js';
import { eventually } from '../utils/eventually.js';
import { makeAppFlags } from './support/app-flags.js';
import type { AppFlags } from './support/app-flags.js';
import { parseExposition } from './support/exposition.js';
import type { Exposition } from './support/exposition.js';
import { metricsRoute } from './support/metrics.module.js';
import { createVolume } from './support/volume.js';
import type { TestVolume } from './support/volume.js';

const FLAGSET = { flagset: 'default' };
const FLAG_NAMES = ['port', 'rate_limit', 'mode', 'api_key'];
/** The leading 48 bits of a checksum, computed here independently of the library. */
const leading48 = (checksum: string): number => Number(BigInt(`0x${checksum}`) >> 16n);

describe('DflagMetricsModule scraped over HTTP from the application', () => {
  let volume: TestVolume;
  let app: INestApplication | undefined;

  beforeEach(async () => {
    volume = await createVolume({ port: '8080', rate_limit: '10', mode: 'fast' });
  });

  afterEach(async () => {
    await app?.close();
    app = undefined;
    await volume.remove();
  });

  async function start(options: Omit<DflagModuleOptions, 'path' | 'flagSet'> = {}) {
    const { flagSet, flags } = makeAppFlags();
    @Module({
      imports: [
        EventEmitterModule.forRoot(),
        DflagModule.forRoot({ path: volume.dir, flagSet, ...options }),
        DflagMetricsModule.register(),
        metricsRoute(),
      ],
    })
    class AppModule {}
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
    const server = app.getHttpServer();
    const service = app.get(FlagService<AppFlags>);
    const scrape = async (): Promise<Exposition> => {
      const response = await request(server).get('/metrics').expect(200);
      expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
      return parseExposition(response.text);
    };
    return { flags, flagSet, service, scrape };
  }

  /** expectStatusGauges checks every gauge read from the status against the status itself. */
  function expectStatusGauges(m: Exposition, status: ConfigMapStatus): void {
    expect(m.value('dflag_config_hash', { ...FLAGSET, type: 'dynamic' })).toBe(
      leading48(status.checksums.dynamic),
    );
    expect(m.value('dflag_config_hash', { ...FLAGSET, type: 'static' })).toBe(
      leading48(status.checksums.static),
    );
    expect(m.all('dflag_config_info')).toEqual([
      {
        name: 'dflag_config_info',
        labels: { ...FLAGSET, version: status.version ?? '' },
        value: 1,
      },
    ]);
    for (const mode of ['events', 'polling', 'periodic', 'stopped'])
      expect(m.value('dflag_config_watch_mode', { ...FLAGSET, mode })).toBe(
        mode === status.watchMode ? 1 : 0,
      );
    expect(m.value('dflag_config_directory_missing', FLAGSET)).toBe(
      status.directoryMissing ? 1 : 0,
    );
  }

  it('after a good, then a partial, then a good version: every value, every series', async () => {
    const { scrape, service } = await start();
    const first = await scrape();
    const status0 = service.status();
    expect(first.value('dflag_config_last_reload_successful', FLAGSET)).toBe(1);
    expect(first.value('dflag_config_last_reload_success_timestamp_seconds', FLAGSET)).toBe(
      status0.lastSuccessAt!.getTime() / 1000,
    );
    expect(first.all('dflag_config_reloads_total')).toEqual(
      ['applied', 'partial', 'rejected'].map((result) => ({
        name: 'dflag_config_reloads_total',
        labels: { ...FLAGSET, result },
        value: result === 'applied' ? 1 : 0,
      })),
    );
    expect(first.value('dflag_config_reload_duration_seconds_count', FLAGSET)).toBe(1);
    expect(first.value('dflag_flags_pending_restart', FLAGSET)).toBe(0);
    expect(first.value('dflag_config_unknown_keys', FLAGSET)).toBe(0);
    expect(first.value('dflag_config_ready', FLAGSET)).toBe(1);
    expect(first.value('dflag_config_latest_version_refused', FLAGSET)).toBe(0);
    expect(first.value('dflag_config_last_reload_errors', FLAGSET)).toBe(0);
    expect(first.value('dflag_flags_refused_at_start', FLAGSET)).toBe(0);
    expect(first.all('dflag_flag_changes_total').map((s) => [s.labels.flag, s.value])).toEqual(
      FLAG_NAMES.map((flag) => [flag, 0]),
    );
    expect(status0.version).toMatch(/^\.\.\d{4}_/);
    expectStatusGauges(first, status0);
    expect(first.types.get('dflag_config_reloads_total')).toBe('counter');
    expect(first.types.get('dflag_config_reload_duration_seconds')).toBe('histogram');
    expect(first.types.get('dflag_config_hash')).toBe('gauge');

    // keep-last-good: rate_limit refused, mode applied, port (static) pending, one unknown key.
    await volume.write({ port: '9999', rate_limit: '-5', mode: 'slow', extra: 'x' });
    const partial = await eventually(async () => {
      const m = await scrape();
      expect(m.value('dflag_config_reloads_total', { ...FLAGSET, result: 'partial' })).toBe(1);
      return m;
    });
    const status1 = service.status();
    expect(status1.lastResult).toBe('partial');
    expect(partial.value('dflag_config_last_reload_successful', FLAGSET)).toBe(0);
    expect(partial.value('dflag_config_last_reload_success_timestamp_seconds', FLAGSET)).toBe(
      status0.lastSuccessAt!.getTime() / 1000,
    );
    expect(partial.value('dflag_config_reloads_total', { ...FLAGSET, result: 'applied' })).toBe(1);
    expect(partial.value('dflag_config_reloads_total', { ...FLAGSET, result: 'rejected' })).toBe(0);
    expect(partial.value('dflag_config_reload_duration_seconds_count', FLAGSET)).toBe(2);
    expect(partial.value('dflag_flags_pending_restart', FLAGSET)).toBe(1);
    expect(partial.value('dflag_config_unknown_keys', FLAGSET)).toBe(1);
    expect(partial.value('dflag_config_latest_version_refused', FLAGSET)).toBe(1);
    expect(partial.value('dflag_config_last_reload_errors', FLAGSET)).toBe(1);
    expect(partial.value('dflag_config_ready', FLAGSET)).toBe(1);
    expect(partial.value('dflag_flag_changes_total', { ...FLAGSET, flag: 'mode' })).toBe(1);
    expect(partial.value('dflag_flag_changes_total', { ...FLAGSET, flag: 'rate_limit' })).toBe(0);
    expect(partial.value('dflag_flag_changes_total', { ...FLAGSET, flag: 'port' })).toBe(0);
    // A partial version serves: its version is the info series now, the old one is gone.
    expect(status1.version).not.toBe(status0.version);
    expectStatusGauges(partial, status1);
    expect(partial.value('dflag_config_hash', { ...FLAGSET, type: 'dynamic' })).not.toBe(
      first.value('dflag_config_hash', { ...FLAGSET, type: 'dynamic' }),
    );

    await volume.write({ port: '8080', rate_limit: '20', mode: 'slow' });
    const fixed = await eventually(async () => {
      const m = await scrape();
      expect(m.value('dflag_config_reloads_total', { ...FLAGSET, result: 'applied' })).toBe(2);
      return m;
    });
    const status2 = service.status();
    expect(fixed.value('dflag_config_last_reload_successful', FLAGSET)).toBe(1);
    expect(fixed.value('dflag_config_last_reload_success_timestamp_seconds', FLAGSET)).toBe(
      status2.lastSuccessAt!.getTime() / 1000,
    );
    expect(status2.lastSuccessAt!.getTime()).toBeGreaterThan(status0.lastSuccessAt!.getTime());
    expect(fixed.value('dflag_flags_pending_restart', FLAGSET)).toBe(0);
    expect(fixed.value('dflag_config_unknown_keys', FLAGSET)).toBe(0);
    expect(fixed.value('dflag_config_latest_version_refused', FLAGSET)).toBe(0);
    expect(fixed.value('dflag_config_last_reload_errors', FLAGSET)).toBe(0);
    expect(fixed.value('dflag_flag_changes_total', { ...FLAGSET, flag: 'rate_limit' })).toBe(1);
    expect(fixed.value('dflag_config_reload_duration_seconds_count', FLAGSET)).toBe(3);
    expectStatusGauges(fixed, status2);
  });

  it('reject-version: a rejected version is counted, fails the gauge, and the old version still serves', async () => {
    const { scrape, service } = await start({ onInvalid: 'reject-version' });
    const before = await scrape();
    const status0 = service.status();
    await volume.write({ port: '8080', rate_limit: 'many', mode: 'slow' });
    const rejected = await eventually(async () => {
      const m = await scrape();
      expect(m.value('dflag_config_reloads_total', { ...FLAGSET, result: 'rejected' })).toBe(1);
      return m;
    });
    const status1 = service.status();
    expect(status1.lastResult).toBe('rejected');
    expect(rejected.value('dflag_config_last_reload_successful', FLAGSET)).toBe(0);
    expect(rejected.value('dflag_config_reloads_total', { ...FLAGSET, result: 'applied' })).toBe(1);
    expect(rejected.value('dflag_config_reloads_total', { ...FLAGSET, result: 'partial' })).toBe(0);
    expect(rejected.value('dflag_config_latest_version_refused', FLAGSET)).toBe(1);
    expect(rejected.value('dflag_config_last_reload_errors', FLAGSET)).toBe(1);
    expect(rejected.value('dflag_flag_changes_total', { ...FLAGSET, flag: 'mode' })).toBe(0);
    // Nothing applied: the same values, the same version serving.
    expect(status1.version).toBe(status0.version);
    expect(status1.latestVersion).not.toBe(status0.version);
    expect(rejected.value('dflag_config_hash', { ...FLAGSET, type: 'dynamic' })).toBe(
      before.value('dflag_config_hash', { ...FLAGSET, type: 'dynamic' }),
    );
    expectStatusGauges(rejected, status1);
  });

  it('counts every change from any source: an override and its removal', async () => {
    const { scrape, flagSet } = await start();
    const undo = flagSet.override({ mode: 'maintenance', rate_limit: 1 });
    undo();
    const m = await scrape();
    expect(m.value('dflag_flag_changes_total', { ...FLAGSET, flag: 'mode' })).toBe(2);
    expect(m.value('dflag_flag_changes_total', { ...FLAGSET, flag: 'rate_limit' })).toBe(2);
    expect(m.value('dflag_flag_changes_total', { ...FLAGSET, flag: 'port' })).toBe(0);
    // No ConfigMap version: no reload counted.
    expect(m.value('dflag_config_reloads_total', { ...FLAGSET, result: 'applied' })).toBe(1);
  });

  it("started on fallbacks (startOnInvalid: 'unready'): every series exists and says so, until a fix", async () => {
    await volume.write({ port: '8080', rate_limit: '-1', mode: 'fast' });
    const { scrape, service } = await start({ startOnInvalid: 'unready' });
    const m = await scrape();
    const status = service.status();
    expect(status.ready).toBe(false);
    expect(m.value('dflag_config_ready', FLAGSET)).toBe(0);
    expect(m.value('dflag_flags_refused_at_start', FLAGSET)).toBe(1);
    expect(m.value('dflag_config_last_reload_successful', FLAGSET)).toBe(0);
    expect(m.value('dflag_config_last_reload_success_timestamp_seconds', FLAGSET)).toBe(0);
    expect(m.value('dflag_config_reloads_total', { ...FLAGSET, result: 'partial' })).toBe(1);
    expect(m.value('dflag_config_reloads_total', { ...FLAGSET, result: 'applied' })).toBe(0);
    expect(m.value('dflag_config_latest_version_refused', FLAGSET)).toBe(1);
    expect(m.value('dflag_config_last_reload_errors', FLAGSET)).toBe(1);
    expect(m.value('dflag_config_reload_duration_seconds_count', FLAGSET)).toBe(1);
    expect(m.all('dflag_flag_changes_total')).toHaveLength(FLAG_NAMES.length);
    expectStatusGauges(m, status);

    await volume.write({ port: '8080', rate_limit: '3', mode: 'fast' });
    const fixed = await eventually(async () => {
      const next = await scrape();
      expect(next.value('dflag_config_ready', FLAGSET)).toBe(1);
      return next;
    });
    expect(fixed.value('dflag_flags_refused_at_start', FLAGSET)).toBe(0);
    expect(fixed.value('dflag_config_last_reload_successful', FLAGSET)).toBe(1);
    expect(fixed.value('dflag_config_last_reload_success_timestamp_seconds', FLAGSET)).toBe(
      service.status().lastSuccessAt!.getTime() / 1000,
    );
  });

  it('an optional directory that is missing: every series exists from the start (version "")', async () => {
    await volume.remove();
    const { scrape, service } = await start({ optional: true });
    const m = await scrape();
    const status = service.status();
    expect(status.directoryMissing).toBe(true);
    expect(m.value('dflag_config_directory_missing', FLAGSET)).toBe(1);
    expect(m.value('dflag_config_info', { ...FLAGSET, version: '' })).toBe(1);
    expect(m.value('dflag_config_reload_duration_seconds_count', FLAGSET)).toBe(1);
    expect(m.value('dflag_config_ready', FLAGSET)).toBe(1);
    expect(m.all('dflag_config_reloads_total')).toHaveLength(3);
    expectStatusGauges(m, status);
  });
});
