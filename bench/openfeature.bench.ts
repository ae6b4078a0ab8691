/**
 * OpenFeature: `await client.getNumberValue('rate', 0)` against `flag.get()`, and the
 * provider's own cost per evaluation net of the SDK — the same evaluation through a trivial
 * provider that answers a constant subtracted, and its resolver called directly against that
 * trivial one's — checked against a bound.
 */
import { OpenFeature } from '@openfeature/server-sdk';
import type { Provider, ResolutionDetails } from '@openfeature/server-sdk';
import { defineFlags, flag, FlagSet } from '../lib/index.js';
import { DflagProvider } from '../lib/openfeature/index.js';
import { report } from './report.js';

/** The provider's own cost per evaluation must stay under this, in nanoseconds (a busy 2-core machine). */
const OWN_COST_BOUND_NS = 500;

const flagSet = new FlagSet('bench-openfeature');
const flags = defineFlags(
  { rate: flag.int({ default: 100, description: '', dynamic: true }) },
  flagSet,
);
const dflag = new DflagProvider(flagSet);
/** The least a provider can do: answer a constant from memory. */
const constant = <T>(value: T): Promise<ResolutionDetails<T>> =>
  Promise.resolve({ value, reason: 'STATIC' });
const trivial: Provider = {
  metadata: { name: 'trivial' },
  runsOn: 'server',
  resolveBooleanEvaluation: () => constant(true),
  resolveStringEvaluation: () => constant(''),
  resolveNumberEvaluation: () => constant(100),
  resolveObjectEvaluation: <T>() => constant({} as T),
};
await OpenFeature.setProviderAndWait('bench-dflag', dflag);
await OpenFeature.setProviderAndWait('bench-trivial', trivial);
const dflagClient = OpenFeature.getClient('bench-dflag');
const trivialClient = OpenFeature.getClient('bench-trivial');
const logger = { error() {}, warn() {}, info() {}, debug() {} };

const ROUNDS = 7;
const median = (samples: number[]): number =>
  [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)] as number;

async function measure(
  title: string,
  count: number,
  body: () => Promise<number> | number,
): Promise<number> {
  const perCall: number[] = [];
  let sink = 0;
  for (let i = 0; i < count / 10; i++) sink += await body(); // warm-up
  for (let round = 0; round < ROUNDS; round++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < count; i++) sink += await body();
    perCall.push(Number(process.hrtime.bigint() - start) / count);
  }
  report(`${title}, ns per call (${count} x ${ROUNDS} rounds)`, perCall);
  if (sink === 0) throw new Error('unreachable');
  return median(perCall);
}

const resolveWith = (provider: Provider) => async () =>
  (await provider.resolveNumberEvaluation('rate', 0, {}, logger)).value;

const get = await measure('flag.get() (awaited, for a like-for-like loop)', 2_000_000, () =>
  flags.rate.get(),
);
const sdkDflag = await measure(
  "await client.getNumberValue('rate', 0), DflagProvider",
  200_000,
  () => dflagClient.getNumberValue('rate', 0),
);
const sdkTrivial = await measure(
  "await client.getNumberValue('rate', 0), trivial provider",
  200_000,
  () => trivialClient.getNumberValue('rate', 0),
);
const ownDflag = await measure(
  'DflagProvider.resolveNumberEvaluation() direct',
  1_000_000,
  resolveWith(dflag),
);
const ownTrivial = await measure(
  'trivial provider.resolveNumberEvaluation() direct',
  1_000_000,
  resolveWith(trivial),
);

const own = ownDflag - ownTrivial;
const throughSdk = sdkDflag - sdkTrivial;
console.log(
  `OpenFeature through the SDK costs ${(sdkDflag / get).toFixed(0)}x flag.get() (${sdkDflag.toFixed(0)} ns vs ${get.toFixed(1)} ns); with the trivial provider ${sdkTrivial.toFixed(0)} ns`,
);
console.log(
  `DflagProvider's own cost per evaluation, net of the SDK: ${own.toFixed(0)} ns more than a provider answering a constant (${ownDflag.toFixed(0)} vs ${ownTrivial.toFixed(0)} ns)`,
);
console.log(
  `through the SDK, DflagProvider adds ${throughSdk.toFixed(0)} ns per evaluation to the trivial provider's ${sdkTrivial.toFixed(0)} ns`,
);
const met = own <= OWN_COST_BOUND_NS;
console.log(
  `bound: DflagProvider resolver <= trivial resolver + ${OWN_COST_BOUND_NS} ns — ${met ? 'met' : 'NOT MET'}`,
);
await OpenFeature.clearProviders();
if (!met) process.exitCode = 1;
