import { watch } from 'node:fs';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { Injectable, Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { EventEmitterModule, OnEvent } from '@nestjs/event-emitter';
import { Test } from '@nestjs/testing';
import { defineFlags, DflagModule, flag, FlagService, FlagSet } from '../../lib/index.js';
import type { FlagChangedEvent } from '../../lib/index.js';
import { writeConfigMapVolume } from '../../lib/testing/index.js';
import { makeTempDir, removeTempDir } from '../utils/temp-dir.js';

/**
 * The CI smoke version of `npm run bench`'s propagation and read benchmarks: it fails only on a
 * gross regression — a ratio at 10× or more of the one recorded in bench/results.json — never
 * on noise. Ratios are medians of samples taken in turns with their baseline in the same run,
 * and a ratio over the limit is measured once more before the test fails (a loaded CI machine
 * can stall one run).
 */
const GROSS = 10;
const results = JSON.parse(readFileSync(join(__dirname, '../../bench/results.json'), 'utf8')) as {
  benches: {
    propagation: { plain: { bus: { ratioP50: number } } };
    read: { getRatio: number; serviceRatio: number };
  };
};
const recorded = {
  propagation: results.benches.propagation.plain.bus.ratioP50,
  get: results.benches.read.getRatio,
  service: results.benches.read.serviceRatio,
};
const median = (xs: number[]): number =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const now = (): number => Number(process.hrtime.bigint()) / 1e6;

/** underLimit measures a ratio, and once more if the first is over the limit. */
async function underLimit(measure: () => Promise<number> | number, limit: number): Promise<number> {
  const first = await measure();
  return first < limit ? first : Math.min(first, await measure());
}

describe('bench smoke: no gross regression against bench/results.json', () => {
  let root: string;
  beforeAll(async () => {
    root = await makeTempDir('dflag-smoke-');
  });
  afterAll(async () => {
    await removeTempDir(root);
  });

  it('a kubelet swap reaches an @OnEvent(flag.changed) listener within 10× the recorded ratio to a minimal fs.watch baseline', async () => {
    const flagSet = new FlagSet('smoke');
    defineFlags({ key_0: flag.string({ default: '', description: '', dynamic: true }) }, flagSet);
    const heard: Array<(value: string, at: number) => void> = [];
    @Injectable()
    class Listener {
      @OnEvent('flag.changed')
      onChanged(event: FlagChangedEvent): void {
        for (const h of heard) h(String(event.current), now());
      }
    }
    const nestDir = join(root, 'nest');
    const baseDir = join(root, 'baseline');
    const payload = (i: number) => ({ key_0: String(i), other: 'x' });
    await writeConfigMapVolume(nestDir, payload(0));
    await writeConfigMapVolume(baseDir, payload(0));
    @Module({
      imports: [EventEmitterModule.forRoot(), DflagModule.forRoot({ path: nestDir, flagSet })],
      providers: [Listener],
    })
    class SmokeModule {}
    const moduleRef = await Test.createTestingModule({ imports: [SmokeModule] }).compile();
    const app = moduleRef.createNestApplication({ logger: false });
    await app.init();
    let current: string | undefined;
    const baseWatcher = watch(baseDir, () => {
      try {
        const target = readlinkSync(join(baseDir, '..data'));
        if (target === current) return;
        const version = join(baseDir, target);
        const values = new Map<string, string>();
        for (const name of readdirSync(version))
          values.set(name, readFileSync(join(version, name), 'utf8'));
        current = target;
        for (const h of heard) h(values.get('key_0') ?? '', now());
      } catch {
        // caught mid-swap
      }
    });
    let version = 0;
    const swap = async (dir: string): Promise<number> => {
      version++;
      const expected = String(version);
      let swappedAt = 0;
      const seen = new Promise<number>((resolve) => {
        const h = (value: string, at: number): void => {
          if (value !== expected) return;
          heard.splice(heard.indexOf(h), 1);
          resolve(at);
        };
        heard.push(h);
      });
      await writeConfigMapVolume(dir, payload(version), { onSwap: () => (swappedAt = now()) });
      return (await seen) - swappedAt;
    };
    const measure = async (): Promise<number> => {
      const nest: number[] = [];
      const base: number[] = [];
      for (let i = 0; i < 40; i++) {
        base.push(await swap(baseDir));
        nest.push(await swap(nestDir));
      }
      return median(nest) / median(base);
    };
    try {
      const ratio = await underLimit(measure, GROSS * recorded.propagation);
      expect(ratio).toBeLessThan(GROSS * recorded.propagation);
    } finally {
      baseWatcher.close();
      await app.close();
    }
  });

  it('flag.get() and FlagService.get() stay within 10× their recorded ratios to a property read and ConfigService.get()', async () => {
    const flagSet = new FlagSet('smoke-read');
    const flags = defineFlags(
      { rate: flag.int({ default: 100, description: '', dynamic: true }) },
      flagSet,
    );
    const dir = join(root, 'read');
    await writeConfigMapVolume(dir, { rate: '100' });
    const moduleRef = await Test.createTestingModule({
      imports: [
        EventEmitterModule.forRoot(),
        ConfigModule.forRoot({ ignoreEnvFile: true, load: [() => ({ rate: 100 })] }),
        DflagModule.forRoot({ path: dir, flagSet }),
      ],
    }).compile();
    const app = moduleRef.createNestApplication({ logger: false });
    await app.init();
    const service = app.get(FlagService);
    const config = app.get(ConfigService);
    const holder = { rate: 100 };
    const handle = flags.rate;
    // One loop per case (see bench/read.bench.ts); the best of 5 rounds of 1M reads each.
    const time = (loop: (n: number) => number): number => {
      let best = Infinity;
      let sink = loop(100_000);
      for (let r = 0; r < 5; r++) {
        const t = process.hrtime.bigint();
        sink += loop(1_000_000);
        best = Math.min(best, Number(process.hrtime.bigint() - t));
      }
      if (sink === 0) throw new Error('unreachable');
      return best;
    };
    const getRatio = (): number =>
      time((n) => {
        let s = 0;
        for (let i = 0; i < n; i++) if (handle.get() !== undefined) s++;
        return s;
      }) /
      time((n) => {
        let s = 0;
        for (let i = 0; i < n; i++) if (holder.rate !== undefined) s++;
        return s;
      });
    const serviceRatio = (): number =>
      time((n) => {
        let s = 0;
        for (let i = 0; i < n; i++) if (service.get('rate') !== undefined) s++;
        return s;
      }) /
      time((n) => {
        let s = 0;
        for (let i = 0; i < n; i++) if (config.get('rate') !== undefined) s++;
        return s;
      });
    try {
      expect(await underLimit(getRatio, GROSS * recorded.get)).toBeLessThan(GROSS * recorded.get);
      expect(await underLimit(serviceRatio, GROSS * recorded.service)).toBeLessThan(
        GROSS * recorded.service,
      );
    } finally {
      await app.close();
    }
  });
});
