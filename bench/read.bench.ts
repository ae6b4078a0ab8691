/**
 * Reading a flag: `flag.get()` against a plain property read, and `FlagService.get(name)`
 * against `@nestjs/config`'s `ConfigService.get(key)` on the same key, both from a real Nest
 * application context. Medians over rounds of many reads, in nanoseconds per read.
 */
import 'reflect-metadata';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { defineFlags, DflagModule, flag, FlagService, FlagSet } from '../lib/index.js';
import { writeConfigMapVolume } from '../lib/testing/index.js';
import { fmt, quantile, spreadOf } from './support/stats.util.js';
import { printTargets, saveResult } from './support/results.util.js';

const READS = Number(process.env.READS ?? 5_000_000);
const ROUNDS = Number(process.env.ROUNDS ?? 7);

const flagSet = new FlagSet('bench-read');
const flags = defineFlags(
  {
    rate: flag.int({ default: 100, description: '', dynamic: true }),
    policy: flag.json({ default: { allow: true }, description: '', dynamic: true }),
  },
  flagSet,
);
const dir = join(await mkdtemp(join(tmpdir(), 'dflag-bench-read-')), 'vol');
await writeConfigMapVolume(dir, { rate: '100' });
const quiet = { log: () => undefined, warn: () => undefined, error: () => undefined };

@Module({
  imports: [
    EventEmitterModule.forRoot(),
    ConfigModule.forRoot({ ignoreEnvFile: true, load: [() => ({ rate: 100 })] }),
    DflagModule.forRoot({ path: dir, flagSet, logger: quiet }),
  ],
})
class ReadModule {}

const app = await NestFactory.createApplicationContext(ReadModule, {
  logger: false,
  abortOnError: false,
});
await app.init();
const flagService = app.get(FlagService);
const configService = app.get(ConfigService);

/**
 * nsPerRead times `loop(reads)` per round. Each case has a loop of its own (a function literal
 * of its own): one loop calling every case through a parameter would make that call site
 * megamorphic and time the call, not the read.
 */
function nsPerRead(loop: (reads: number) => number, reads = READS): number[] {
  const rounds: number[] = [];
  let sink = loop(reads / 10);
  for (let round = 0; round < ROUNDS; round++) {
    const start = process.hrtime.bigint();
    sink += loop(reads);
    rounds.push(Number(process.hrtime.bigint() - start) / reads);
  }
  if (sink === 0) throw new Error('unreachable');
  return rounds;
}

// A holder the compiler cannot fold: its field is written from outside the loop.
const holder = { rate: 100 };
setTimeout(() => (holder.rate = 101), 1e9).unref();
const handle = flags.rate;
const policy = flags.policy;
const results = {
  plainProperty: nsPerRead((n) => {
    let s = 0;
    for (let i = 0; i < n; i++) if (holder.rate !== undefined) s++;
    return s;
  }),
  flagGet: nsPerRead((n) => {
    let s = 0;
    for (let i = 0; i < n; i++) if (handle.get() !== undefined) s++;
    return s;
  }),
  jsonFlagGet: nsPerRead((n) => {
    let s = 0;
    for (let i = 0; i < n; i++) if (policy.get() !== undefined) s++;
    return s;
  }),
  flagServiceGet: nsPerRead((n) => {
    let s = 0;
    for (let i = 0; i < n; i++) if (flagService.get('rate') !== undefined) s++;
    return s;
  }, READS / 5),
  configServiceGet: nsPerRead((n) => {
    let s = 0;
    for (let i = 0; i < n; i++) if (configService.get('rate') !== undefined) s++;
    return s;
  }, READS / 5),
};
await app.close();
await rm(dir, { recursive: true, force: true });

const median = (k: keyof typeof results): number => quantile(results[k], 0.5);
const getRatio = median('flagGet') / median('plainProperty');
const serviceRatio = median('flagServiceGet') / median('configServiceGet');
console.log('reading a flag, ns per read (median over rounds, min–max)');
for (const [name, rounds] of Object.entries(results)) {
  const s = spreadOf(rounds);
  console.log(`  ${name.padEnd(18)} ${fmt(s.median)} ns (${fmt(s.min)}–${fmt(s.max)})`);
}
const targets = [
  {
    name: 'flag.get() vs a plain property read',
    figure: `${fmt(getRatio)}× (${fmt(median('flagGet'))} vs ${fmt(median('plainProperty'))} ns)`,
    bound: '≤ 2×',
    met: getRatio <= 2,
  },
  {
    name: 'FlagService.get(name) vs ConfigService.get(key)',
    figure: `${fmt(serviceRatio)}× (${fmt(median('flagServiceGet'))} vs ${fmt(median('configServiceGet'))} ns)`,
    bound: '≤ 1×',
    met: serviceRatio <= 1,
  },
];
printTargets(targets);
saveResult({
  bench: 'read',
  figures: {
    ...Object.fromEntries(Object.entries(results).map(([k, v]) => [k, spreadOf(v)])),
    getRatio,
    serviceRatio,
  },
  targets,
});
