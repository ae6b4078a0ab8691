/** The hot path: `flag.get()` per read, for a scalar and a JSON flag. */
import { defineFlags, flag, FlagSet } from '../lib/index.js';
import { report } from './report.js';

const flags = defineFlags(
  {
    rate: flag.int({ default: 100, description: '', dynamic: true }),
    policy: flag.json({ default: { allow: true, rate: 5 }, description: '', dynamic: true }),
  },
  new FlagSet('bench'),
);

const READS = 10_000_000;
const ROUNDS = 7;
for (const [name, handle] of Object.entries(flags)) {
  const perRead: number[] = [];
  let sink = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < READS; i++) if (handle.get() !== undefined) sink++;
    perRead.push(Number(process.hrtime.bigint() - start) / READS);
  }
  report(`${name}.get(), ns per read (${READS} reads x ${ROUNDS} rounds)`, perRead);
  if (sink === 0) throw new Error('unreachable');
}
